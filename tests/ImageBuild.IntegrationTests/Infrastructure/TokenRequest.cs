namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>One request a <see cref="TokenIssuer"/> answered: who asked (null when anonymous), the scopes asked for, the status given.</summary>
public sealed record TokenRequest(string? Username, IReadOnlyList<string> Scopes, int Status);
