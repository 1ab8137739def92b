using System.Globalization;
using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Parsing;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Execution;

/// <summary>Calling functions and methods: argument conversion and checks, and/or short-circuits, call.</summary>
internal sealed partial class Executor
{
    private GoValue? EvalFunction(GoValue? dot, IdentifierNode identifier, Node command, List<Node>? arguments, GoValue? final, bool hasFinal)
    {
        At(identifier);
        var function = functions.Find(identifier.Name) ?? throw Errorf($"{GoQuote.Quote(identifier.Name)} is not a defined function");
        return EvalCall(dot, new FunctionCall(function), command, identifier.Name, arguments, final, hasFinal);
    }

    private GoValue? EvalCall(GoValue? dot, Callable callee, Node at, string name, List<Node>? arguments, GoValue? final, bool hasFinal)
    {
        var args = arguments is null ? [] : arguments.Skip(1).ToList();
        var parameters = callee.Parameters;
        var inputs = args.Count + (hasFinal ? 1 : 0);
        var fixedCount = args.Count;
        if (callee.IsVariadic)
        {
            fixedCount = parameters.Count - 1;
            if (inputs < fixedCount)
            {
                throw Errorf(string.Create(CultureInfo.InvariantCulture, $"wrong number of args for {name}: want at least {parameters.Count - 1} got {args.Count}"));
            }
        }
        else if (inputs != parameters.Count)
        {
            throw Errorf(string.Create(CultureInfo.InvariantCulture, $"wrong number of args for {name}: want {parameters.Count} got {inputs}"));
        }

        if (callee is FunctionCall { Function.Name: "and" or "or" } && functions.IsBuiltin(name))
        {
            return ShortCircuit(dot, name, parameters[0], args, final, hasFinal);
        }

        var values = new List<GoValue?>(inputs);
        var i = 0;
        for (; i < fixedCount && i < args.Count; i++)
        {
            values.Add(EvalArgument(dot, parameters[i], args[i]));
        }

        if (callee.IsVariadic)
        {
            for (; i < args.Count; i++)
            {
                values.Add(EvalArgument(dot, parameters[^1], args[i]));
            }
        }

        if (hasFinal)
        {
            var type = callee.IsVariadic && inputs - 1 < fixedCount ? parameters[inputs - 1] : parameters[^1];
            values.Add(ValidateType(final, type));
        }

        try
        {
            if (callee is FunctionCall { Function.Name: "call" } && functions.IsBuiltin(name))
            {
                return Builtins.Call(args.Count == 0 ? GoPrinter.Sprint([final]) : args[0].ToString(), values);
            }

            return callee.Invoke(values);
        }
        catch (TemplateFunctionError error)
        {
            At(at);
            throw Errorf($"error calling {name}: {error.Message}");
        }
    }

    private GoValue? ShortCircuit(GoValue? dot, string name, GoType type, List<Node> args, GoValue? final, bool hasFinal)
    {
        GoValue? value = null;
        foreach (var arg in args)
        {
            value = EvalArgument(dot, type, arg);
            if (GoValues.IsTrue(GoValues.IndirectInterface(value)).Truth == (name == "or"))
            {
                return value;
            }
        }

        return hasFinal ? ValidateType(final, type) : value;
    }

    /// <summary>Go's evalArg: an argument node evaluated for a parameter of <paramref name="type"/> (null: no type).</summary>
    private GoValue? EvalArgument(GoValue? dot, GoType? type, Node argument)
    {
        At(argument);
        switch (argument)
        {
            case DotNode:
                return ValidateType(dot, type);
            case NilNode:
                if (type is null || type.Kind.CanBeNil() || type.IsReflectValue)
                {
                    return type is null || type.IsReflectValue ? null : GoValue.Zero(type);
                }

                throw Errorf($"cannot assign nil to {type}");
            case FieldNode field:
                return ValidateType(EvalFieldNode(dot, field, [argument], null, false), type);
            case VariableNode variable:
                return ValidateType(EvalVariableNode(dot, variable, null, null, false), type);
            case PipeNode pipe:
                return ValidateType(EvalPipeline(dot, pipe), type);
            case IdentifierNode identifier:
                return ValidateType(EvalFunction(dot, identifier, identifier, null, null, false), type);
            case ChainNode chain:
                return ValidateType(EvalChainNode(dot, chain, null, null, false), type);
        }

        if (type is null || type.IsEmptyInterface || type.IsReflectValue)
        {
            return EvalEmptyInterface(dot, argument);
        }

        switch (type.Kind)
        {
            case GoKind.Bool when argument is BoolNode b:
                return new GoBool(type, b.Value);
            case GoKind.Bool:
                throw Errorf($"expected bool; found {argument}");
            case GoKind.String when argument is StringNode s:
                return new GoString(type, s.Text);
            case GoKind.String:
                throw Errorf($"expected string; found {argument}");
            case var kind when kind.IsSignedInteger():
                return argument is NumberNode { IsInt: true } integer ? new GoInt(type, integer.Int64) : throw Errorf($"expected integer; found {argument}");
            case var kind when kind.IsUnsignedInteger():
                return argument is NumberNode { IsUint: true } unsigned ? new GoUint(type, unsigned.Uint64) : throw Errorf($"expected unsigned integer; found {argument}");
            case GoKind.Float32 or GoKind.Float64:
                return argument is NumberNode { IsFloat: true } real ? new GoFloat(type, real.Float64) : throw Errorf($"expected float; found {argument}");
            case GoKind.Complex64 or GoKind.Complex128:
                return argument is NumberNode { IsComplex: true } complex ? new GoComplex(type, complex.Complex128) : throw Errorf($"expected complex; found {argument}");
        }

        throw Errorf($"can't handle {argument} for arg of type {type}");
    }

    private GoValue? EvalEmptyInterface(GoValue? dot, Node argument)
    {
        At(argument);
        return argument switch
        {
            BoolNode b => GoValue.Of(b.Value),
            DotNode => dot,
            FieldNode field => EvalFieldNode(dot, field, null, null, false),
            IdentifierNode identifier => EvalFunction(dot, identifier, identifier, null, null, false),
            NumberNode number => IdealConstant(number),
            StringNode s => GoValue.Of(s.Text),
            VariableNode variable => EvalVariableNode(dot, variable, null, null, false),
            PipeNode pipe => EvalPipeline(dot, pipe),
            _ => throw Errorf($"can't handle assignment of {argument} to empty interface argument"),
        };
    }

    /// <summary>Go's validateType: a value checked (and unwrapped or dereferenced once) for a parameter type.</summary>
    private GoValue? ValidateType(GoValue? value, GoType? type)
    {
        if (value is null)
        {
            if (type is null || type.IsReflectValue)
            {
                return null;
            }

            if (type.Kind.CanBeNil())
            {
                return GoValue.Zero(type);
            }

            throw Errorf($"invalid value; expected {type}");
        }

        if (type is null || type.IsReflectValue || value.Type.AssignableTo(type))
        {
            return value;
        }

        if (value is GoInterface { Dynamic: { } inner })
        {
            value = inner;
            if (value.Type.AssignableTo(type))
            {
                return value;
            }
        }

        if (value is GoPointer pointer && pointer.Type.Elem!.AssignableTo(type))
        {
            return pointer.Target ?? throw Errorf($"dereference of nil pointer of type {type}");
        }

        throw Errorf($"wrong type for value; expected {type}; got {value.Type}");
    }
}
