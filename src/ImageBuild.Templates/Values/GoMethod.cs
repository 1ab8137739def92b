namespace ImageBuild.Templates.Values;

/// <summary>
/// A method a template can call as <c>{{.Name arg...}}</c>, like a Go method found by reflection. The body gets
/// the receiver and the arguments, already converted to <see cref="Parameters"/>; it throws
/// <see cref="TemplateFunctionError"/> for what Go would return as an error.
/// </summary>
public sealed record GoMethod(string Name, IReadOnlyList<GoType> Parameters, GoType Result, Func<GoValue, IReadOnlyList<GoValue?>, GoValue?> Body);
