namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// distribution's <c>auth: token</c> settings: where clients get tokens, the service and issuer names the
/// tokens must carry, and the PEM bundle of CA certificates whose chains may sign them.
/// </summary>
public sealed record RegistryTokenAuth(string Realm, string Service, string Issuer, string RootCertBundlePath);
