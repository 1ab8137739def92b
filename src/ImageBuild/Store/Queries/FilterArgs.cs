using ImageBuild.Errors;

namespace ImageBuild.Store.Queries;

/// <summary>The <c>--filter key=value</c> arguments of docker's commands, split and checked against the keys a command knows.</summary>
public static class FilterArgs
{
    /// <summary>
    /// Splits each argument at its first '=' (so <c>label!=a=b</c> is key <c>label!</c>, value <c>a=b</c>).
    /// Keys are trimmed and lower-cased, as docker does.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> filters, IReadOnlyList<string> validKeys)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        foreach (var filter in filters)
        {
            var equals = filter.IndexOf('=');
            if (equals < 0)
            {
                throw new InvalidInputException($"bad format of filter '{filter}' (expected name=value)");
            }

            var key = filter[..equals].Trim().ToLowerInvariant();
            if (!validKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new InvalidInputException($"invalid filter '{key}': valid filters are {string.Join(", ", validKeys)}");
            }

            parsed.Add(new(key, filter[(equals + 1)..].Trim()));
        }

        return parsed;
    }
}
