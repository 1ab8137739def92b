using System.Globalization;
using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Parsing;
using ImageBuild.Templates.Text;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Execution;

/// <summary>
/// Runs a parsed template with Go's rules (exec.go): the state of one execution — the template being run, the node
/// being evaluated (named in errors), the variable stack and the {{template}} depth.
/// </summary>
internal sealed partial class Executor
{
    /// <summary>Go's maxExecDepth: how deeply {{template}} calls may nest.</summary>
    public const int MaxExecDepth = 100000;

    private readonly IReadOnlyDictionary<string, TemplateTree> trees;
    private readonly byte[] text;
    private readonly string parseName;
    private readonly FunctionTable functions;
    private readonly MissingKey missingKey;
    private readonly TextWriter output;
    private TemplateTree template;
    private List<Variable> variables;
    private Node? node;
    private int depth;
    private TemplateExecutionException? abortError;

    public Executor(IReadOnlyDictionary<string, TemplateTree> trees, string text, string parseName, FunctionTable functions,
        MissingKey missingKey, TextWriter output, TemplateTree template)
    {
        this.trees = trees;
        this.text = GoText.ToBytes(text);
        this.parseName = parseName;
        this.functions = functions;
        this.missingKey = missingKey;
        this.output = output;
        this.template = template;
        variables = [];
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,

        /// <summary>
        /// Execution failed deep in {{template}} recursion: the error is in <see cref="abortError"/> and every level
        /// returns at once, because throwing through a hundred thousand frames takes seconds.
        /// </summary>
        Abort,
    }

    public void Execute(GoValue? data)
    {
        variables = [new Variable("$", data)];
        if (Walk(data, template.Root) == Flow.Abort)
        {
            throw abortError!;
        }
    }

    private void At(Node current) => node = current;

    private int Mark() => variables.Count;

    private void Pop(int mark) => variables.RemoveRange(mark, variables.Count - mark);

    private void Push(string name, GoValue? value) => variables.Add(new Variable(name, value));

    private void SetVariable(string name, GoValue? value)
    {
        for (var i = variables.Count - 1; i >= 0; i--)
        {
            if (variables[i].Name == name)
            {
                variables[i] = variables[i] with { Value = value };
                return;
            }
        }

        throw Errorf($"undefined variable: {name}");
    }

    private void SetTopVariable(int n, GoValue? value) => variables[^n] = variables[^n] with { Value = value };

    private GoValue? VariableValue(string name)
    {
        for (var i = variables.Count - 1; i >= 0; i--)
        {
            if (variables[i].Name == name)
            {
                return variables[i].Value;
            }
        }

        throw Errorf($"undefined variable: {name}");
    }

    /// <summary>Go's state.errorf: the location and text of the node being evaluated, then the reason.</summary>
    private TemplateExecutionException Errorf(string reason)
    {
        if (node is null)
        {
            return new TemplateExecutionException($"template: {template.Name}: {reason}");
        }

        var (location, context) = ErrorContext(node);
        return new TemplateExecutionException($"template: {location}: executing {GoQuote.Quote(template.Name)} at <{context}>: {reason}");
    }

    private (string Location, string Context) ErrorContext(Node at)
    {
        var position = Math.Clamp(at.Position, 0, text.Length);
        var lastNewline = Array.LastIndexOf(text, (byte)'\n', Math.Max(position - 1, 0), position);
        var lineNumber = 1 + text.AsSpan(0, position).Count((byte)'\n');
        var column = lastNewline < 0 ? position : position - (lastNewline + 1);
        var context = at.ToString();
        return (string.Create(CultureInfo.InvariantCulture, $"{parseName}:{lineNumber}:{column}"), context);
    }

    private readonly record struct Variable(string Name, GoValue? Value);
}
