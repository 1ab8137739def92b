using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>Walks a parsed template over JSON data with Go's evaluation rules, writing text as it goes.</summary>
internal sealed class TemplateExecutor
{
    private const int MaxContextLength = 20;

    private readonly TemplateFunctions _functions;
    private readonly MissingFieldBehavior _missingFields;
    private readonly TextWriter _output;
    private readonly TemplateVariables _variables = new();

    public TemplateExecutor(TemplateFunctions functions, MissingFieldBehavior missingFields, TextWriter output)
    {
        _functions = functions;
        _missingFields = missingFields;
        _output = output;
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public void Execute(IReadOnlyList<TemplateNode> nodes, JsonNode? data)
    {
        _variables.Reset(data);
        Walk(nodes, data);
    }

    private Flow Walk(IReadOnlyList<TemplateNode> nodes, JsonNode? dot)
    {
        foreach (var node in nodes)
        {
            var flow = WalkNode(node, dot);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    private Flow WalkNode(TemplateNode node, JsonNode? dot)
    {
        switch (node)
        {
            case TextNode text:
                _output.Write(text.Text);
                return Flow.Normal;
            case ActionNode action:
                var value = EvaluatePipeline(action.Pipeline, dot, declare: true);
                if (action.Pipeline.Variables.Count == 0)
                {
                    _output.Write(GoValue.ToActionText(value));
                }

                return Flow.Normal;
            case BranchNode branch:
                return WithScope(() =>
                {
                    var condition = EvaluatePipeline(branch.Pipeline, dot, declare: true);
                    if (GoValue.IsTrue(condition))
                    {
                        return Walk(branch.Then, branch.IsWith ? condition : dot);
                    }

                    return branch.Else is null ? Flow.Normal : Walk(branch.Else, dot);
                });
            case RangeNode range:
                return WithScope(() => Range(range, dot));
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw new InvalidOperationException($"unknown template node {node.GetType().Name}");
        }
    }

    private Flow WithScope(Func<Flow> body)
    {
        var mark = _variables.Mark;
        try
        {
            return body();
        }
        finally
        {
            _variables.PopTo(mark);
        }
    }

    private Flow Range(RangeNode range, JsonNode? dot)
    {
        var value = EvaluatePipeline(range.Pipeline, dot, declare: false);
        IEnumerable<(JsonNode? Key, JsonNode? Element)> items = value switch
        {
            null => [],
            JsonArray array => array.Select((element, i) => ((JsonNode?)JsonValue.Create((long)i), element)).ToList(),
            JsonObject obj => GoValue.SortedEntries(obj).Select(entry => ((JsonNode?)JsonValue.Create(entry.Key), entry.Value)).ToList(),
            _ => throw Error(range.Position, range.Pipeline.Source, $"range can't iterate over {GoValue.ToText(value)}"),
        };
        var any = false;
        var mark = _variables.Mark;
        foreach (var (key, element) in items)
        {
            any = true;
            DeclareRangeVariables(range.Pipeline, key, element);
            var flow = Walk(range.Body, element);
            _variables.PopTo(mark);
            if (flow == Flow.Break)
            {
                break;
            }
        }

        return !any && range.Else is not null ? Walk(range.Else, dot) : Flow.Normal;
    }

    private void DeclareRangeVariables(PipelineNode pipeline, JsonNode? key, JsonNode? element)
    {
        var names = pipeline.Variables;
        var values = names.Count == 2 ? new[] { key, element } : [element];
        for (var i = 0; i < names.Count; i++)
        {
            _variables.Set(names[i], values[i], pipeline.IsAssign);
        }
    }

    private JsonNode? EvaluatePipeline(PipelineNode pipeline, JsonNode? dot, bool declare)
    {
        JsonNode? value = null;
        var hasFinal = false;
        foreach (var command in pipeline.Commands)
        {
            value = EvaluateCommand(command, dot, value, hasFinal);
            hasFinal = true;
        }

        if (declare)
        {
            foreach (var name in pipeline.Variables)
            {
                _variables.Set(name, value, pipeline.IsAssign);
            }
        }

        return value;
    }

    private JsonNode? EvaluateCommand(CommandNode command, JsonNode? dot, JsonNode? final, bool hasFinal)
    {
        var first = command.Operands[0];
        var hasArguments = command.Operands.Count > 1 || hasFinal;
        switch (first)
        {
            case FieldNode field:
                return EvaluatePath(field, dot, field.Path, hasArguments);
            case VariableNode variable:
                return EvaluatePath(variable, _variables.Get(variable.Name), variable.Path, hasArguments);
            case ChainNode chain:
                return EvaluatePath(chain, EvaluateOperand(chain.Target, dot), chain.Path, hasArguments);
            case FunctionNode function:
                return Call(function, command, dot, final, hasFinal);
        }

        if (hasArguments)
        {
            throw Error(first.Position, first.Source, $"can't give argument to non-function {first.Source}");
        }

        return first is NilNode ? throw Error(first.Position, first.Source, "nil is not a command") : EvaluateOperand(first, dot);
    }

    private JsonNode? EvaluateOperand(OperandNode operand, JsonNode? dot) => operand switch
    {
        DotNode => dot,
        NilNode => null,
        LiteralNode literal => literal.Value,
        FieldNode field => EvaluatePath(field, dot, field.Path, hasArguments: false),
        VariableNode variable => EvaluatePath(variable, _variables.Get(variable.Name), variable.Path, hasArguments: false),
        ChainNode chain => EvaluatePath(chain, EvaluateOperand(chain.Target, dot), chain.Path, hasArguments: false),
        PipelineNode pipeline => EvaluatePipeline(pipeline, dot, declare: true),
        FunctionNode function => Call(function, new CommandNode(function.Position, function.Source, [function]), dot, null, hasFinal: false),
        _ => throw new InvalidOperationException($"unknown operand {operand.GetType().Name}"),
    };

    private JsonNode? EvaluatePath(OperandNode node, JsonNode? receiver, IReadOnlyList<string> path, bool hasArguments)
    {
        for (var i = 0; i < path.Count; i++)
        {
            var name = path[i];
            switch (receiver)
            {
                case null when _missingFields == MissingFieldBehavior.Error:
                    throw Error(node.Position, node.Source, $"nil data; no entry for key \"{name}\"");
                case null:
                    return null;
                case JsonObject obj:
                    if (i == path.Count - 1 && hasArguments)
                    {
                        throw Error(node.Position, node.Source, $"{name} is not a method but has arguments");
                    }

                    if (!obj.TryGetPropertyValue(name, out receiver) && _missingFields == MissingFieldBehavior.Error)
                    {
                        throw Error(node.Position, node.Source, $"can't evaluate field {name}");
                    }

                    break;
                default:
                    throw Error(node.Position, node.Source, $"can't evaluate field {name} in type {GoValue.TypeName(receiver)}");
            }
        }

        if (path.Count == 0 && hasArguments)
        {
            throw Error(node.Position, node.Source, $"can't give argument to non-function {node.Source}");
        }

        return receiver;
    }

    private JsonNode? Call(FunctionNode function, CommandNode command, JsonNode? dot, JsonNode? final, bool hasFinal)
    {
        var operands = command.Operands.Skip(1).ToList();
        if (TemplateFunctions.IsShortCircuit(function.Name))
        {
            return ShortCircuit(function, command, operands, dot, final, hasFinal);
        }

        var arguments = operands.Select(operand => EvaluateOperand(operand, dot)).ToList();
        if (hasFinal)
        {
            arguments.Add(final);
        }

        try
        {
            return _functions.Invoke(function.Name, arguments);
        }
        catch (TemplateFunctionException ex)
        {
            throw Error(command.Position, command.Source, ex.Message);
        }
    }

    /// <summary>Go's and/or: evaluate left to right and stop at the first argument that settles the answer.</summary>
    private JsonNode? ShortCircuit(FunctionNode function, CommandNode command, List<OperandNode> operands, JsonNode? dot, JsonNode? final, bool hasFinal)
    {
        var count = operands.Count + (hasFinal ? 1 : 0);
        if (count == 0)
        {
            throw Error(command.Position, command.Source, $"wrong number of args for {function.Name}: want at least 1 got 0");
        }

        var stopWhen = function.Name == "or";
        JsonNode? value = null;
        for (var i = 0; i < count; i++)
        {
            value = i < operands.Count ? EvaluateOperand(operands[i], dot) : final;
            if (GoValue.IsTrue(value) == stopWhen)
            {
                return value;
            }
        }

        return value;
    }

    private static TemplateSyntaxException Error(int position, string context, string reason)
    {
        if (context.Length > MaxContextLength)
        {
            context = context[..MaxContextLength] + "...";
        }

        return new TemplateSyntaxException(position, $"executing \"\" at <{context}>: {reason}");
    }
}
