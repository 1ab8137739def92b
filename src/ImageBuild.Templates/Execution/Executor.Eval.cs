using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Parsing;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Execution;

/// <summary>Pipelines, commands, fields, variables and constants.</summary>
internal sealed partial class Executor
{
    private GoValue? EvalPipeline(GoValue? dot, PipeNode? pipe)
    {
        if (pipe is null)
        {
            return null;
        }

        return StackGuard.IsLow ? EvalPipelineOnNewStack(dot, pipe) : EvalPipelineBody(dot, pipe);
    }

    private GoValue? EvalPipelineBody(GoValue? dot, PipeNode pipe)
    {
        At(pipe);
        GoValue? value = null;
        var hasFinal = false;
        foreach (var command in pipe.Commands)
        {
            value = EvalCommand(dot, command, value, hasFinal);
            hasFinal = true;
            if (value is GoInterface { Type.IsEmptyInterface: true } iface)
            {
                value = iface.Dynamic;
            }
        }

        foreach (var variable in pipe.Declarations)
        {
            if (pipe.IsAssign)
            {
                SetVariable(variable.Identifiers[0], value);
            }
            else
            {
                Push(variable.Identifiers[0], value);
            }
        }

        return value;
    }

    private GoValue? EvalPipelineOnNewStack(GoValue? dot, PipeNode pipe) => StackGuard.Run(() => EvalPipelineBody(dot, pipe));

    private GoValue? EvalCommand(GoValue? dot, CommandNode command, GoValue? final, bool hasFinal)
    {
        var first = command.Arguments[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldNode(dot, field, command.Arguments, final, hasFinal);
            case ChainNode chain:
                return EvalChainNode(dot, chain, command.Arguments, final, hasFinal);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command, command.Arguments, final, hasFinal);
            case PipeNode pipe:
                NotAFunction(command.Arguments, hasFinal);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariableNode(dot, variable, command.Arguments, final, hasFinal);
        }

        At(first);
        NotAFunction(command.Arguments, hasFinal);
        return first switch
        {
            BoolNode b => GoValue.Of(b.Value),
            DotNode => dot,
            NilNode => throw Errorf("nil is not a command"),
            NumberNode number => IdealConstant(number),
            StringNode s => GoValue.Of(s.Text),
            _ => throw Errorf($"can't evaluate command {GoQuote.Quote(first.ToString())}"),
        };
    }

    private void NotAFunction(List<Node> arguments, bool hasFinal)
    {
        if (arguments.Count > 1 || hasFinal)
        {
            throw Errorf($"can't give argument to non-function {arguments[0]}");
        }
    }

    /// <summary>A number whose type nothing dictates: complex, float (when written like one), else int.</summary>
    private GoValue? IdealConstant(NumberNode constant)
    {
        At(constant);
        if (constant.IsComplex)
        {
            return new GoComplex(GoType.Complex128, constant.Complex128);
        }

        var looksFloat = constant.Text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) >= 0;
        var isHexInt = constant.Text.Length > 2 && constant.Text[0] == '0' && constant.Text[1] is 'x' or 'X'
            && constant.Text.IndexOfAny(['p', 'P']) < 0;
        var isRuneInt = constant.Text.Length > 0 && constant.Text[0] == '\'';
        if (constant.IsFloat && !isHexInt && !isRuneInt && looksFloat)
        {
            return GoValue.Of(constant.Float64);
        }

        if (constant.IsInt)
        {
            return GoValue.Of(constant.Int64);
        }

        if (constant.IsUint)
        {
            throw Errorf($"{constant.Text} overflows int");
        }

        return null;
    }

    private GoValue? EvalFieldNode(GoValue? dot, FieldNode field, List<Node>? arguments, GoValue? final, bool hasFinal)
    {
        At(field);
        return EvalFieldChain(dot, dot, field, field.Identifiers, arguments, final, hasFinal);
    }

    private GoValue? EvalChainNode(GoValue? dot, ChainNode chain, List<Node>? arguments, GoValue? final, bool hasFinal)
    {
        At(chain);
        if (chain.Target is NilNode)
        {
            throw Errorf($"indirection through explicit nil in {chain}");
        }

        var receiver = EvalArgument(dot, null, chain.Target);
        return EvalFieldChain(dot, receiver, chain, chain.Fields, arguments, final, hasFinal);
    }

    private GoValue? EvalVariableNode(GoValue? dot, VariableNode variable, List<Node>? arguments, GoValue? final, bool hasFinal)
    {
        At(variable);
        var value = VariableValue(variable.Identifiers[0]);
        if (variable.Identifiers.Length == 1)
        {
            NotAFunction(arguments ?? [variable], hasFinal);
            return value;
        }

        return EvalFieldChain(dot, value, variable, variable.Identifiers[1..], arguments, final, hasFinal);
    }

    private GoValue? EvalFieldChain(GoValue? dot, GoValue? receiver, Node at, IReadOnlyList<string> identifiers, List<Node>? arguments,
        GoValue? final, bool hasFinal)
    {
        for (var i = 0; i < identifiers.Count - 1; i++)
        {
            receiver = EvalField(dot, identifiers[i], at, null, null, false, receiver);
        }

        return EvalField(dot, identifiers[^1], at, arguments, final, hasFinal, receiver);
    }

    private GoValue? EvalField(GoValue? dot, string fieldName, Node at, List<Node>? arguments, GoValue? final, bool hasFinal, GoValue? receiver)
    {
        if (receiver is null)
        {
            if (missingKey == MissingKey.Error)
            {
                throw Errorf($"nil data; no entry for key {GoQuote.Quote(fieldName)}");
            }

            return null;
        }

        var type = receiver.Type;
        var (target, isNil) = GoValues.Indirect(receiver);
        if (target is GoInterface && isNil)
        {
            throw Errorf($"nil pointer evaluating {type}.{fieldName}");
        }

        if (target!.Type.FindMethod(fieldName) is { } method && !(target is GoPointer && isNil))
        {
            return EvalCall(dot, new MethodCall(method, target), at, fieldName, arguments, final, hasFinal);
        }

        var hasArguments = (arguments?.Count ?? 0) > 1 || hasFinal;
        switch (target)
        {
            case GoStruct structure when GoValues.TryGetField(structure, fieldName, out var field, out var definition):
                if (!definition.IsExported)
                {
                    throw Errorf($"{fieldName} is an unexported field of struct type {type}");
                }

                if (hasArguments)
                {
                    throw Errorf($"{fieldName} has arguments but cannot be invoked as function");
                }

                return field;
            case GoMap map when GoType.String.AssignableTo(map.Type.Key!):
                if (hasArguments)
                {
                    throw Errorf($"{fieldName} is not a method but has arguments");
                }

                var result = map.Lookup(new GoString(map.Type.Key!, fieldName));
                if (result is null)
                {
                    switch (missingKey)
                    {
                        case MissingKey.Zero:
                            return GoValue.Zero(map.Type.Elem!);
                        case MissingKey.Error:
                            throw Errorf($"map has no entry for key {GoQuote.Quote(fieldName)}");
                    }
                }

                return result;
            case GoPointer pointer:
                var element = pointer.Type.Elem!;
                if ((element.Kind != GoKind.Struct || GoValues.HasField(element, fieldName)) && isNil)
                {
                    throw Errorf($"nil pointer evaluating {type}.{fieldName}");
                }

                break;
        }

        throw Errorf($"can't evaluate field {fieldName} in type {type}");
    }
}
