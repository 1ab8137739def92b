namespace ImageBuild.Templates.Execution;

/// <summary>The functions a template sees: the caller's, then Go's builtins.</summary>
internal sealed class FunctionTable(IReadOnlyDictionary<string, TemplateFunction> functions)
{
    public TemplateFunction? Find(string name) =>
        functions.TryGetValue(name, out var function) ? function : Builtins.All.GetValueOrDefault(name);

    public bool Contains(string name) => functions.ContainsKey(name) || Builtins.All.ContainsKey(name);

    public bool IsBuiltin(string name) => !functions.ContainsKey(name) && Builtins.All.ContainsKey(name);
}
