namespace ImageBuild.Registry;

/// <summary>The token scopes of the distribution auth spec: <c>repository:NAME:ACTIONS</c> and the catalog's.</summary>
public static class RegistryScope
{
    public const string Catalog = "registry:catalog:*";

    public static string Pull(string repository) => $"repository:{repository}:pull";

    public static string PullPush(string repository) => $"repository:{repository}:pull,push";

    public static string Delete(string repository) => $"repository:{repository}:delete";

    /// <summary>
    /// One scope per resource with the union of its actions, in first-seen order: a registry's challenge
    /// writes <c>push,pull</c> where the client asked <c>pull,push</c>, and both must make one token request.
    /// </summary>
    internal static IReadOnlyList<string> Merge(IEnumerable<string> scopes)
    {
        var actionsByResource = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var resources = new List<string>();
        foreach (var scope in scopes)
        {
            var split = scope.LastIndexOf(':');
            var resource = split < 0 ? scope : scope[..split];
            if (!actionsByResource.TryGetValue(resource, out var actions))
            {
                actionsByResource[resource] = actions = [];
                resources.Add(resource);
            }

            var given = split < 0 ? [] : scope[(split + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
            actions.AddRange(given.Where(a => !actions.Contains(a)));
        }

        return resources.Select(r => actionsByResource[r].Count == 0 ? r : $"{r}:{string.Join(',', actionsByResource[r])}").ToList();
    }
}
