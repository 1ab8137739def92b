using System.Text.Json;
using ImageBuild.Oci;

namespace ImageBuild.Oci.Changes;

/// <summary>Sets ENTRYPOINT. As in a Dockerfile, a new entrypoint drops the CMD inherited from the base.</summary>
public sealed record SetEntrypoint(IReadOnlyList<string> Arguments) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config) => config with { Entrypoint = Arguments, Cmd = null };

    public override string Describe() => "ENTRYPOINT " + JsonSerializer.Serialize(Arguments, ChangesJsonContext.Default.IReadOnlyListString);
}

/// <summary>Sets CMD: the default arguments, after the entrypoint.</summary>
public sealed record SetCmd(IReadOnlyList<string> Arguments) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config) => config with { Cmd = Arguments };

    public override string Describe() => "CMD " + JsonSerializer.Serialize(Arguments, ChangesJsonContext.Default.IReadOnlyListString);
}

/// <summary>Sets one environment variable, replacing an earlier value of the same name in place.</summary>
public sealed record SetEnv(string Name, string Value) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config)
    {
        var prefix = Name + "=";
        var env = (config.Env ?? []).ToList();
        var index = env.FindIndex(e => e.StartsWith(prefix, StringComparison.Ordinal) || e == Name);
        var entry = prefix + Value;
        if (index >= 0)
        {
            env[index] = entry;
        }
        else
        {
            env.Add(entry);
        }

        return config with { Env = env };
    }

    public override string Describe() => $"ENV {Name}={Value}";
}

/// <summary>Sets WORKDIR, the directory the process starts in.</summary>
public sealed record SetWorkingDir(string Path) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config) => config with { WorkingDir = Path };

    public override string Describe() => "WORKDIR " + Path;
}

/// <summary>Sets USER: a name or uid, optionally with <c>:group</c> or <c>:gid</c>.</summary>
public sealed record SetUser(string User) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config) => config with { User = User };

    public override string Describe() => "USER " + User;
}

/// <summary>Adds an exposed port in <c>port/protocol</c> form.</summary>
public sealed record AddExposedPort(string Port) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config) =>
        config with { ExposedPorts = With(config.ExposedPorts, Port) };

    public override string Describe() => "EXPOSE " + Port;

    internal static Dictionary<string, EmptyObject> With(IReadOnlyDictionary<string, EmptyObject>? map, string key)
    {
        var result = map is null ? new Dictionary<string, EmptyObject>(StringComparer.Ordinal) : new Dictionary<string, EmptyObject>(map, StringComparer.Ordinal);
        result.TryAdd(key, EmptyObject.Instance);
        return result;
    }
}

/// <summary>Adds a VOLUME: a path the runtime mounts a volume on.</summary>
public sealed record AddVolume(string Path) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config) =>
        config with { Volumes = AddExposedPort.With(config.Volumes, Path) };

    public override string Describe() => "VOLUME " + Path;
}

/// <summary>Sets one label, replacing an earlier value of the same key.</summary>
public sealed record SetLabel(string Key, string Value) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config)
    {
        var labels = config.Labels is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(config.Labels, StringComparer.Ordinal);
        labels[Key] = Value;
        return config with { Labels = labels };
    }

    public override string Describe() => $"LABEL {Key}={Value}";
}

/// <summary>Sets STOPSIGNAL, the signal that asks the container to stop.</summary>
public sealed record SetStopSignal(string Signal) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config) => config with { StopSignal = Signal };

    public override string Describe() => "STOPSIGNAL " + Signal;
}
