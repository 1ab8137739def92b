using System.Text;
using System.Text.Json;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Oci.Changes;

/// <summary>
/// Parses the Dockerfile instructions that <c>docker import --change</c> and <c>docker commit --change</c>
/// accept: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL.
/// </summary>
public static class DockerfileInstructionParser
{
    private const string Supported = "CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR";

    /// <summary>
    /// Parses one instruction. <paramref name="currentEnv"/> expands <c>$VAR</c> and <c>${VAR}</c> in ENV,
    /// WORKDIR, USER, LABEL, EXPOSE and VOLUME values, as a Dockerfile does, so <c>ENV PATH=/app:$PATH</c> appends.
    /// </summary>
    public static IReadOnlyList<ConfigChange> Parse(string instruction, IReadOnlyList<string>? currentEnv = null)
    {
        var text = instruction.Trim();
        var split = text.IndexOfAny([' ', '\t']);
        var keyword = (split < 0 ? text : text[..split]).ToUpperInvariant();
        var rest = split < 0 ? string.Empty : text[(split + 1)..].Trim();
        if (keyword.Length == 0)
        {
            throw new InvalidInputException($"empty change: expected one of {Supported}, for example \"ENV KEY=value\"");
        }

        if (rest.Length == 0)
        {
            throw new InvalidInputException($"change \"{text}\" has no value: write it as in a Dockerfile, for example \"{keyword} ...\"");
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in currentEnv ?? [])
        {
            var eq = entry.IndexOf('=');
            if (eq > 0)
            {
                env[entry[..eq]] = entry[(eq + 1)..];
            }
        }

        return keyword switch
        {
            "CMD" => [new SetCmd(ParseCommand(rest, text))],
            "ENTRYPOINT" => [new SetEntrypoint(ParseCommand(rest, text))],
            "ENV" => ParseKeyValues(rest, text, env, legacySpaceForm: true).Select(p => (ConfigChange)new SetEnv(p.Key, p.Value)).ToList(),
            "LABEL" => ParseKeyValues(rest, text, env, legacySpaceForm: false).Select(p => (ConfigChange)new SetLabel(p.Key, p.Value)).ToList(),
            "EXPOSE" => Words(rest, text).Select(w => (ConfigChange)new AddExposedPort(NormalizePort(Expand(w, env), text))).ToList(),
            "VOLUME" => ParseList(rest, text).Select(v => (ConfigChange)new AddVolume(Expand(v, env))).ToList(),
            "WORKDIR" => [new SetWorkingDir(Expand(Unquote(rest, text), env))],
            "USER" => [new SetUser(Expand(Unquote(rest, text), env))],
            "STOPSIGNAL" => [new SetStopSignal(Unquote(rest, text))],
            _ => throw new InvalidInputException($"change \"{text}\": {keyword} is not supported; use one of {Supported}"),
        };
    }

    /// <summary>Applies instructions in order to a config, each seeing the environment the previous ones left.</summary>
    public static ContainerConfig ApplyAll(ContainerConfig config, IEnumerable<string> instructions)
    {
        foreach (var instruction in instructions)
        {
            foreach (var change in Parse(instruction, config.Env))
            {
                config = change.Apply(config);
            }
        }

        return config;
    }

    private static IReadOnlyList<string> ParseCommand(string value, string text)
    {
        if (value.StartsWith('['))
        {
            return ParseJsonArray(value, text);
        }

        // Shell form, as a Dockerfile gives it.
        return ["/bin/sh", "-c", value];
    }

    private static IReadOnlyList<string> ParseList(string value, string text) =>
        value.StartsWith('[') ? ParseJsonArray(value, text) : Words(value, text);

    private static List<string> ParseJsonArray(string value, string text)
    {
        try
        {
            return JsonSerializer.Deserialize(value, ChangesJsonContext.Default.ListString)
                ?? throw new InvalidInputException($"change \"{text}\": the JSON array is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"change \"{text}\": invalid JSON array ({ex.Message.Split('.')[0]}); write it as [\"executable\", \"arg\"]");
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> ParseKeyValues(
        string value, string text, IDictionary<string, string> env, bool legacySpaceForm)
    {
        var words = Words(value, text);
        if (legacySpaceForm && !words[0].Contains('='))
        {
            // "ENV KEY some value": the legacy form, the rest of the line is the value.
            var name = words[0];
            var legacyValue = Expand(Unquote(value[value.IndexOf(name, StringComparison.Ordinal)..][name.Length..].Trim(), text), env);
            env[name] = legacyValue;
            yield return new(name, legacyValue);
            yield break;
        }

        foreach (var word in words)
        {
            var eq = word.IndexOf('=');
            if (eq <= 0)
            {
                throw new InvalidInputException($"change \"{text}\": \"{word}\" must be KEY=value");
            }

            var key = word[..eq];
            var expanded = Expand(word[(eq + 1)..], env);
            env[key] = expanded;
            yield return new(key, expanded);
        }
    }

    private static string NormalizePort(string port, string text)
    {
        var slash = port.IndexOf('/');
        var number = slash < 0 ? port : port[..slash];
        var protocol = slash < 0 ? "tcp" : port[(slash + 1)..].ToLowerInvariant();
        if (!int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 65535)
        {
            throw new InvalidInputException($"change \"{text}\": \"{port}\" is not a port; use a number 1-65535 with an optional /tcp, /udp or /sctp");
        }

        if (protocol is not ("tcp" or "udp" or "sctp"))
        {
            throw new InvalidInputException($"change \"{text}\": protocol \"{protocol}\" is not tcp, udp or sctp");
        }

        return $"{n}/{protocol}";
    }

    private static string Unquote(string value, string text)
    {
        var words = Words(value, text);
        return words.Count == 1 ? words[0] : value;
    }

    /// <summary>Splits on unquoted white space, honouring double and single quotes and backslash escapes.</summary>
    private static List<string> Words(string value, string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < value.Length)
                {
                    current.Append(value[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < value.Length)
            {
                current.Append(value[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote != '\0')
        {
            throw new InvalidInputException($"change \"{text}\": unterminated {quote} quote");
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static string Expand(string value, IDictionary<string, string> env)
    {
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length)
            {
                result.Append(value[i]);
                continue;
            }

            string name;
            if (value[i + 1] == '{')
            {
                var end = value.IndexOf('}', i + 2);
                if (end < 0)
                {
                    result.Append(value[i]);
                    continue;
                }

                name = value[(i + 2)..end];
                i = end;
            }
            else
            {
                var start = i + 1;
                var end = start;
                while (end < value.Length && (char.IsAsciiLetterOrDigit(value[end]) || value[end] == '_'))
                {
                    end++;
                }

                if (end == start)
                {
                    result.Append(value[i]);
                    continue;
                }

                name = value[start..end];
                i = end - 1;
            }

            result.Append(env.TryGetValue(name, out var v) ? v : string.Empty);
        }

        return result.ToString();
    }
}
