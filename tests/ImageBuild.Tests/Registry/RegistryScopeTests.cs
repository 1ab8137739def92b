using ImageBuild.Registry;

namespace ImageBuild.Tests.Registry;

public sealed class RegistryScopeTests
{
    [Fact]
    public void MergeKeepsOneScopePerResourceWithEveryActionInFirstSeenOrder()
    {
        var merged = RegistryScope.Merge(
            [RegistryScope.PullPush("target"), RegistryScope.Pull("source"), "repository:target:push,pull", RegistryScope.Delete("target"), RegistryScope.Catalog]);

        Assert.Equal(["repository:target:pull,push,delete", "repository:source:pull", "registry:catalog:*"], merged);
    }

    [Fact]
    public void MergeOfDistinctResourcesChangesNothing()
    {
        string[] scopes = [RegistryScope.Pull("a/b"), RegistryScope.PullPush("c")];

        Assert.Equal(scopes, RegistryScope.Merge(scopes));
    }
}
