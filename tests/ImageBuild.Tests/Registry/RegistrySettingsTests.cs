using ImageBuild.Errors;
using ImageBuild.Registry;
using ImageBuild.Registry.Credentials;
using ImageBuild.Registry.Resilience;

namespace ImageBuild.Tests.Registry;

/// <summary>The one place both front ends get their registry options from.</summary>
public sealed class RegistrySettingsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Insecure_registries_come_from_the_environment_and_the_names_given()
    {
        var options = new RegistrySettings
        {
            Environment = Environment(("DOTNET_CONTAINER_INSECURE_REGISTRIES", "mirror.example:5000")),
            InsecureRegistries = ["lab.example"],
        }.ToTransportOptions();

        Assert.True(options.InsecureRegistries.Matches("mirror.example:5000"));
        Assert.True(options.InsecureRegistries.Matches("lab.example"));
        Assert.False(options.InsecureRegistries.Matches("registry.example"));
    }

    [Fact]
    public void Retries_and_the_read_timeout_reach_the_client()
    {
        var retry = RetryOptions.Default with { MaxRetries = 2 };

        var options = new RegistrySettings { Environment = Environment(("DOTNET_IMAGE_READ_TIMEOUT", "7")), Retry = retry }.ToTransportOptions();

        Assert.Equal(retry, options.ClientOptions.Retry);
        Assert.Equal(TimeSpan.FromSeconds(7), options.BodyReadTimeout);
        Assert.IsType<RetryHandler>(Assert.Single(options.AdditionalHandlers!()));
    }

    [Fact]
    public void Credentials_default_to_the_chain_and_a_given_source_replaces_it()
    {
        var given = new AnonymousCredentialSource();

        Assert.IsType<CredentialChain>(new RegistrySettings { Environment = Environment() }.ToTransportOptions().Credentials);
        Assert.Same(given, new RegistrySettings { Environment = Environment(), Credentials = given }.ToTransportOptions().Credentials);
    }

    [Fact]
    public void A_read_timeout_that_is_not_a_number_is_one_line_naming_the_variable()
    {
        var error = Assert.Throws<InvalidInputException>(() => new RegistrySettings { Environment = Environment(("DOTNET_IMAGE_READ_TIMEOUT", "soon")) }.ToTransportOptions());

        Assert.StartsWith("DOTNET_IMAGE_READ_TIMEOUT=\"soon\" is not a whole number of seconds", error.Message);
    }
}
