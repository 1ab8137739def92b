namespace ImageBuild.Tests.Infrastructure;

/// <summary>Loads the OCI schemas once per test class: <c>IClassFixture&lt;OciSchemaFixture&gt;</c>.</summary>
public sealed class OciSchemaFixture : IAsyncLifetime
{
    private OciSchemaValidator? validator;

    public OciSchemaValidator Validator => validator ?? throw new InvalidOperationException("the OCI schemas are not loaded yet");

    public async Task InitializeAsync() => validator = await OciSchemaValidator.LoadAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
