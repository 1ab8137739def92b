namespace ImageBuild.IntegrationTests.MSBuild;

/// <summary>The web app the publish tests run: with <c>--once</c> it answers one request to itself inside the container and exits.</summary>
internal static class SampleWebProgram
{
    /// <summary>Prints <c>web answered on PORT: hello from kestrel</c> when run with <c>--once</c>.</summary>
    public const string SelfRequesting = """
        var app = WebApplication.CreateSlimBuilder(args).Build();
        app.MapGet("/", () => "hello from kestrel");
        if (!args.Contains("--once"))
        {
            app.Run();
            return;
        }

        // One request to itself through the container's loopback, then exit.
        await app.StartAsync();
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        using var http = new HttpClient();
        Console.WriteLine($"web answered on {port}: " + await http.GetStringAsync($"http://127.0.0.1:{port}/"));
        await app.StopAsync();
        """;
}
