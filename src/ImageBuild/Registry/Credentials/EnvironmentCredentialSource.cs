namespace ImageBuild.Registry.Credentials;

/// <summary>
/// Credentials from environment variables, for CI: <c>DOTNET_IMAGE_REGISTRY_USERNAME</c> and
/// <c>_PASSWORD</c>, or <c>DOTNET_IMAGE_REGISTRY_TOKEN</c> (an identity token); then the .NET SDK's
/// <c>DOTNET_CONTAINER_PUSH_REGISTRY_UNAME/PWORD</c> or <c>..._PULL_...</c> for the direction, and
/// <c>DOTNET_CONTAINER_REGISTRY_UNAME/PWORD</c>. Like the SDK's, they apply to whichever registry asks;
/// they are only sent to a registry that challenges a request.
/// </summary>
public sealed class EnvironmentCredentialSource(Func<string, string?> environment, RegistryDirection direction = RegistryDirection.Any) : ICredentialSource
{
    public const string UsernameVariable = "DOTNET_IMAGE_REGISTRY_USERNAME";
    public const string PasswordVariable = "DOTNET_IMAGE_REGISTRY_PASSWORD";
    public const string TokenVariable = "DOTNET_IMAGE_REGISTRY_TOKEN";

    public ValueTask<RegistryCredentials?> GetCredentialsAsync(string registryHost, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Find());

    private RegistryCredentials? Find()
    {
        if (Value(TokenVariable) is { } token)
        {
            return new RegistryCredentials(Value(UsernameVariable) ?? "<token>", string.Empty) { IdentityToken = token, Source = TokenVariable };
        }

        foreach (var prefix in Prefixes())
        {
            var (userVariable, passwordVariable) = prefix == "DOTNET_IMAGE_REGISTRY"
                ? (UsernameVariable, PasswordVariable)
                : ($"{prefix}_UNAME", $"{prefix}_PWORD");
            if (Value(userVariable) is { } user && Value(passwordVariable) is { } password)
            {
                return new RegistryCredentials(user, password) { Source = $"{userVariable}/{passwordVariable.Split('_')[^1]}" };
            }
        }

        return null;
    }

    private IEnumerable<string> Prefixes()
    {
        yield return "DOTNET_IMAGE_REGISTRY";
        if (direction != RegistryDirection.Pull)
        {
            yield return "DOTNET_CONTAINER_PUSH_REGISTRY";
        }

        if (direction != RegistryDirection.Push)
        {
            yield return "DOTNET_CONTAINER_PULL_REGISTRY";
        }

        yield return "DOTNET_CONTAINER_REGISTRY";
    }

    private string? Value(string name) => environment(name) is { Length: > 0 } value ? value : null;
}
