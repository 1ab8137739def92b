namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>The MSBuild tests share one packed ImageBuild.Tasks and run one at a time (each publish is CPU-heavy).</summary>
[CollectionDefinition(Name)]
public sealed class MSBuildCollection : ICollectionFixture<TasksPackageFixture>
{
    public const string Name = "MSBuild";
}
