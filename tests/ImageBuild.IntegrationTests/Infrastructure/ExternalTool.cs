using Xunit.Sdk;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A program from a Debian package that integration tests run. A missing tool fails the test instead of
/// skipping it, so a machine without the tool can never report a green run that tested nothing.
/// </summary>
public sealed record ExternalTool(string Name, string DebianPackage, IReadOnlyList<string> Candidates)
{
    // runc and other daemons' tools live in sbin, which a non-root PATH often lacks.
    private static readonly string[] ExtraSearchDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>The tool's absolute path; fails the calling test when the tool is not installed.</summary>
    public string Path => TryLocate() ?? throw new XunitException(MissingMessage);

    public bool IsInstalled => TryLocate() is not null;

    private string MissingMessage
    {
        get
        {
            var where = Environment.GetEnvironmentVariable("CI") == "true" ? "on this CI machine" : "on this machine";
            return $"{Name} is missing {where}: run eng/test.sh to install it (Debian package {DebianPackage})";
        }
    }

    private string? TryLocate()
    {
        foreach (var candidate in Candidates)
        {
            if (System.IO.Path.IsPathRooted(candidate))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                continue;
            }

            var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            foreach (var directory in pathDirectories.Concat(ExtraSearchDirectories))
            {
                var path = System.IO.Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
