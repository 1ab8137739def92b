using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Execution;

/// <summary>What a template command can call: a function, or a method bound to its receiver.</summary>
internal abstract record Callable
{
    public abstract IReadOnlyList<GoType> Parameters { get; }

    public abstract bool IsVariadic { get; }

    public abstract GoValue? Invoke(IReadOnlyList<GoValue?> arguments);
}

internal sealed record FunctionCall(TemplateFunction Function) : Callable
{
    public override IReadOnlyList<GoType> Parameters => Function.Parameters;

    public override bool IsVariadic => Function.IsVariadic;

    public override GoValue? Invoke(IReadOnlyList<GoValue?> arguments) => Function.Body(arguments);
}

internal sealed record MethodCall(GoMethod Method, GoValue Receiver) : Callable
{
    public override IReadOnlyList<GoType> Parameters => Method.Parameters;

    public override bool IsVariadic => false;

    public override GoValue? Invoke(IReadOnlyList<GoValue?> arguments) => Method.Body(Receiver, arguments);
}
