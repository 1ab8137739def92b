namespace ImageBuild.Registry.Credentials;

/// <summary>Where docker and podman keep their registry logins.</summary>
public static class CredentialFileLocations
{
    /// <summary><c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.</summary>
    public static string DockerConfig(Func<string, string?> environment) =>
        environment("DOCKER_CONFIG") is { Length: > 0 } directory
            ? Path.Combine(directory, "config.json")
            : Path.Combine(Home(environment), ".docker", "config.json");

    /// <summary>
    /// <c>$REGISTRY_AUTH_FILE</c> when set (podman then reads nothing else); else
    /// <c>$XDG_RUNTIME_DIR/containers/auth.json</c> and <c>$XDG_CONFIG_HOME/containers/auth.json</c>.
    /// </summary>
    public static IReadOnlyList<string> PodmanAuthFiles(Func<string, string?> environment)
    {
        if (environment("REGISTRY_AUTH_FILE") is { Length: > 0 } explicitFile)
        {
            return [explicitFile];
        }

        var files = new List<string>();
        if (environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            files.Add(Path.Combine(runtime, "containers", "auth.json"));
        }

        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Home(environment), ".config");
        files.Add(Path.Combine(config, "containers", "auth.json"));
        return files;
    }

    /// <summary>A path for messages, with the home directory written as <c>~</c>.</summary>
    public static string Display(string path, Func<string, string?> environment)
    {
        var home = Home(environment);
        return home.Length > 1 && path.StartsWith(home + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "~" + path[home.Length..] : path;
    }

    private static string Home(Func<string, string?> environment) =>
        environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
