namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>
/// The MSBuild tests share one packed ImageBuild.Tasks and run one at a time (each publish is CPU-heavy); those that
/// load into a daemon use the collection's own test daemon, so they never wait on the daemon collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MSBuildCollection : ICollectionFixture<TasksPackageFixture>, ICollectionFixture<Infrastructure.DockerDaemonFixture>
{
    public const string Name = "MSBuild";
}
