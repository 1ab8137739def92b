using ImageBuild.Templates.Values;

namespace ImageBuild.Templates;

/// <summary>
/// A function a template can call, with its Go signature: the executor converts and checks arguments as Go's does
/// (constants take the parameter's type; a value of another type is "wrong type for value"). A parameter of type
/// <see cref="Any"/> takes any value; one of <see cref="Reflect"/> takes it as it is, missing values included, as Go's
/// builtins that take reflect.Value do. The body throws <see cref="TemplateFunctionError"/> for Go's returned error.
/// </summary>
public sealed class TemplateFunction
{
    public TemplateFunction(string name, IReadOnlyList<GoType> parameters, Func<IReadOnlyList<GoValue?>, GoValue?> body, bool variadic = false)
    {
        Name = name;
        Parameters = parameters;
        Body = body;
        IsVariadic = variadic;
    }

    /// <summary>interface{}.</summary>
    public static GoType Any => GoType.EmptyInterface;

    /// <summary>reflect.Value.</summary>
    public static GoType Reflect => GoType.ReflectValue;

    public string Name { get; }

    /// <summary>The parameter types; for a variadic function the last is the element type of the ... parameter.</summary>
    public IReadOnlyList<GoType> Parameters { get; }

    public bool IsVariadic { get; }

    public Func<IReadOnlyList<GoValue?>, GoValue?> Body { get; }
}

/// <summary>A template function's error (Go's second result); the template reports "error calling NAME: message".</summary>
public sealed class TemplateFunctionError(string message) : Exception(message);
