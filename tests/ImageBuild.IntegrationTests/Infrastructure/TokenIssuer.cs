using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A token server of the distribution auth spec on loopback, for a registry started with
/// <see cref="RegistryFixtureOptions.TokenAuth"/>. <c>GET /token?service=..&amp;scope=..</c> checks Basic
/// credentials against its users and answers with an ES256 JWT whose <c>x5c</c> header carries a leaf
/// certificate signed by a CA made for this run (the registry's rootcertbundle). A known user gets every
/// pull and push it asks for; an anonymous caller gets pull only when <see cref="AnonymousPull"/> is set,
/// and otherwise a token granting nothing, as Docker Hub does. Wrong credentials get 401.
/// </summary>
public sealed class TokenIssuer : IDisposable
{
    public const string Service = "imagebuild-test";
    public const string IssuerName = "imagebuild-test-issuer";

    private readonly IReadOnlyDictionary<string, string> passwords;
    private readonly TempDirectory directory = TempDirectory.Create("imagebuild-token-issuer");
    private readonly HttpListener listener = new();
    private readonly ECDsa signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] leafCertificate;
    private readonly List<TokenRequest> requests = [];
    private readonly Task serving;

    public TokenIssuer(IReadOnlyDictionary<string, string> passwords, bool anonymousPull = false)
    {
        this.passwords = passwords;
        AnonymousPull = anonymousPull;
        var (caPem, leaf) = CreateCertificates(signingKey);
        leafCertificate = leaf;
        File.WriteAllText(directory.Combine("ca.pem"), caPem);
        var port = FreePort();
        Realm = $"http://127.0.0.1:{port}/token";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public bool AnonymousPull { get; }

    public string Realm { get; }

    /// <summary>The registry settings that make it trust this issuer.</summary>
    public RegistryTokenAuth RegistryAuth => new(Realm, Service, IssuerName, directory.Combine("ca.pem"));

    /// <summary>Every token request answered so far, in order.</summary>
    public IReadOnlyList<TokenRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToList();
            }
        }
    }

    public void Dispose()
    {
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's accept loop ends with an error when the listener closes.
        }

        signingKey.Dispose();
        directory.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    // The CA goes into the registry's rootcertbundle; the leaf, which holds the signing key, rides in every token's x5c.
    private static (string CaPem, byte[] LeafDer) CreateCertificates(ECDsa leafKey)
    {
        using var ca = TestCertificateAuthority.Create("CN=ImageBuild Token CA");
        var now = DateTimeOffset.UtcNow;

        var leafRequest = new CertificateRequest("CN=ImageBuild Token Signer", leafKey, HashAlgorithmName.SHA256);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var leaf = leafRequest.Create(ca, now.AddDays(-1), now.AddDays(2), RandomNumberGenerator.GetBytes(16));
        return (ca.ExportCertificatePem(), leaf.RawData);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var (status, body) = Answer(context.Request);
            response.StatusCode = status;
            response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    private (int Status, string Body) Answer(HttpListenerRequest request)
    {
        var scopes = request.QueryString.GetValues("scope")?.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList() ?? [];
        var username = BasicUser(request.Headers["Authorization"], out var passwordMatches);
        int status;
        string body;
        if (request.Url?.AbsolutePath != "/token" || request.QueryString["service"] != Service)
        {
            (status, body) = (400, """{"errors":[{"code":"BAD_REQUEST","message":"unknown path or service"}]}""");
        }
        else if (username is not null && !passwordMatches)
        {
            (status, body) = (401, """{"errors":[{"code":"UNAUTHORIZED","message":"wrong user name or password"}]}""");
        }
        else
        {
            var now = DateTimeOffset.UtcNow;
            var token = SignedToken(username, Grant(username, scopes), now);
            (status, body) = (200, new JsonObject
            {
                ["token"] = token,
                ["access_token"] = token,
                ["expires_in"] = 60,
                ["issued_at"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            }.ToJsonString());
        }

        lock (requests)
        {
            requests.Add(new TokenRequest(username, scopes, status));
        }

        return (status, body);
    }

    private string? BasicUser(string? authorization, out bool passwordMatches)
    {
        passwordMatches = false;
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        var colon = pair.IndexOf(':');
        var user = colon < 0 ? pair : pair[..colon];
        passwordMatches = colon >= 0 && passwords.TryGetValue(user, out var password) && password == pair[(colon + 1)..];
        return user;
    }

    // repository:NAME:ACTIONS scopes, each cut down to what the caller may do.
    private JsonArray Grant(string? username, IEnumerable<string> scopes)
    {
        var access = new JsonArray();
        foreach (var scope in scopes)
        {
            var parts = scope.Split(':');
            if (parts.Length != 3 || parts[0] != "repository")
            {
                continue;
            }

            var allowed = parts[2].Split(',').Where(a => username is not null ? a is "pull" or "push" : a == "pull" && AnonymousPull).ToArray();
            if (allowed.Length > 0)
            {
                access.Add(new JsonObject
                {
                    ["type"] = "repository",
                    ["name"] = parts[1],
                    ["actions"] = new JsonArray(allowed.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
                });
            }
        }

        return access;
    }

    private string SignedToken(string? username, JsonArray access, DateTimeOffset now)
    {
        var header = new JsonObject
        {
            ["typ"] = "JWT",
            ["alg"] = "ES256",
            ["x5c"] = new JsonArray(JsonValue.Create(Convert.ToBase64String(leafCertificate))),
        };
        var claims = new JsonObject
        {
            ["iss"] = IssuerName,
            ["sub"] = username ?? string.Empty,
            ["aud"] = Service,
            ["exp"] = now.AddSeconds(60).ToUnixTimeSeconds(),
            ["nbf"] = now.AddSeconds(-10).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));

        // JWS ES256 wants r||s, which is .NET's IEEE P1363 format.
        var signature = signingKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
