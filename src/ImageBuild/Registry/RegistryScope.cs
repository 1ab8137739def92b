namespace ImageBuild.Registry;

/// <summary>The token scopes of the distribution auth spec: <c>repository:NAME:ACTIONS</c> and the catalog's.</summary>
public static class RegistryScope
{
    public const string Catalog = "registry:catalog:*";

    public static string Pull(string repository) => $"repository:{repository}:pull";

    public static string PullPush(string repository) => $"repository:{repository}:pull,push";

    public static string Delete(string repository) => $"repository:{repository}:delete";
}
