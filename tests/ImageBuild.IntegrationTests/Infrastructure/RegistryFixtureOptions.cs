namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>How a test registry is configured.</summary>
public sealed record RegistryFixtureOptions
{
    public static RegistryFixtureOptions Default { get; } = new();

    /// <summary>distribution's <c>storage.delete.enabled</c>.</summary>
    public bool DeleteEnabled { get; init; } = true;

    /// <summary>When set, the registry demands HTTP Basic authentication with this user (htpasswd, bcrypt).</summary>
    public (string Username, string Password)? BasicAuth { get; init; }

    /// <summary>When true, the registry serves HTTPS with a certificate for 127.0.0.1 signed by a CA the fixture generates.</summary>
    public bool Tls { get; init; }

    /// <summary>When set, the registry demands bearer tokens from this token service (distribution's <c>auth: token</c>).</summary>
    public RegistryTokenAuth? TokenAuth { get; init; }
}
