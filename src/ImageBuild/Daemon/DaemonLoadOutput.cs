namespace ImageBuild.Daemon;

/// <summary>Reads what <c>docker load</c> and <c>podman load</c> print about what they loaded.</summary>
internal static class DaemonLoadOutput
{
    private static readonly string[] Prefixes = ["Loaded image ID: ", "Loaded image: ", "Loaded image(s): "];

    /// <summary>The ID (<c>sha256:...</c>) in the daemon's report of an untagged load; null when it named none.</summary>
    public static string? ImageId(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var prefix in Prefixes)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var value = line[prefix.Length..].Split(',')[0].Trim();
                    if (value.StartsWith("sha256:", StringComparison.Ordinal))
                    {
                        return value;
                    }

                    // podman names an untagged image by its bare hex ID.
                    if (value.Length == 64 && value.All(char.IsAsciiHexDigitLower))
                    {
                        return "sha256:" + value;
                    }
                }
            }
        }

        return null;
    }
}
