using ImageBuild.Templates.Execution;
using ImageBuild.Templates.Parsing;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates;

/// <summary>
/// A parsed Go text/template, behaving as Go's does for docker's --format: Go's grammar, builtins and messages, over
/// data given as a typed <see cref="GoValue"/> tree. Parse errors are <see cref="TemplateParseException"/>s and
/// execution errors <see cref="TemplateExecutionException"/>s, both with Go's exact text.
/// </summary>
public sealed class GoTemplate
{
    private readonly Dictionary<string, TemplateTree> trees;
    private readonly IReadOnlyDictionary<string, TemplateFunction> functions;

    private GoTemplate(string name, string text, Dictionary<string, TemplateTree> trees, IReadOnlyDictionary<string, TemplateFunction> functions)
    {
        Name = name;
        Text = text;
        this.trees = trees;
        this.functions = functions;
    }

    /// <summary>The top-level template's name (docker's is "").</summary>
    public string Name { get; }

    public string Text { get; }

    /// <param name="functions">Functions besides Go's builtins, such as <see cref="Functions.DockerFunctions.Standard"/>.</param>
    /// <exception cref="TemplateParseException">The text is malformed or calls an unknown function.</exception>
    public static GoTemplate Parse(string text, IReadOnlyDictionary<string, TemplateFunction>? functions = null, string name = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        functions ??= new Dictionary<string, TemplateFunction>();
        var trees = Parser.Parse(text, name, new FunctionTable(functions).Contains);
        return new GoTemplate(name, text, trees, functions);
    }

    /// <summary>The same template calling other implementations of its functions (Go's Funcs after Parse).</summary>
    public GoTemplate WithFunctions(IReadOnlyDictionary<string, TemplateFunction> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var merged = new Dictionary<string, TemplateFunction>(functions, StringComparer.Ordinal);
        foreach (var (name, function) in replacements)
        {
            merged[name] = function;
        }

        return new GoTemplate(Name, Text, trees, merged);
    }

    /// <summary>Runs the template over <paramref name="data"/>, writing as it goes (Go's Execute).</summary>
    /// <exception cref="TemplateExecutionException">Evaluation failed; what was written before stays written.</exception>
    public void Execute(GoValue? data, TextWriter output, MissingKey missingKey = MissingKey.Invalid)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!trees.TryGetValue(Name, out var root))
        {
            throw new TemplateExecutionException($"template: {Name}: {Formatting.GoQuote.Quote(Name)} is an incomplete or empty template");
        }

        new Executor(trees, Text, Name, new FunctionTable(functions), missingKey, output, root).Execute(data);
    }

    /// <summary>The output of <see cref="Execute(GoValue?, TextWriter, MissingKey)"/> as a string.</summary>
    public string Execute(GoValue? data, MissingKey missingKey = MissingKey.Invalid)
    {
        using var output = new StringWriter();
        Execute(data, output, missingKey);
        return output.ToString();
    }
}
