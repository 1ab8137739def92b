using System.Globalization;
using ImageBuild.Errors;

namespace ImageBuild.Registry.Search;

/// <summary>How many results a search asks for and which of them it keeps, as <c>docker search</c> takes them.</summary>
public sealed record SearchOptions
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <summary>At most this many results are fetched (1..100); filters apply to those, so fewer may remain.</summary>
    public int Limit { get; init; } = DefaultLimit;

    public SearchFilter Filter { get; init; } = SearchFilter.None;

    /// <exception cref="InvalidInputException">The limit is outside 1..100.</exception>
    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"limit {Limit} is outside the range of [1, {MaxLimit}]: give --limit between 1 and {MaxLimit}"));
        }
    }
}
