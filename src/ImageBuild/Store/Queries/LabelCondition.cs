using ImageBuild.Errors;

namespace ImageBuild.Store.Queries;

/// <summary>A <c>label=key</c> (the label is set) or <c>label=key=value</c> (it has that value) condition.</summary>
public sealed record LabelCondition(string Key, string? Value)
{
    public static LabelCondition Parse(string text, string filterName = "label")
    {
        var equals = text.IndexOf('=');
        var key = equals < 0 ? text : text[..equals];
        if (key.Length == 0)
        {
            throw new InvalidInputException($"invalid filter '{filterName}={text}': the label key is empty; use {filterName}=KEY or {filterName}=KEY=VALUE");
        }

        return new LabelCondition(key, equals < 0 ? null : text[(equals + 1)..]);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(Key, out var actual) && (Value is null || string.Equals(actual, Value, StringComparison.Ordinal));
}
