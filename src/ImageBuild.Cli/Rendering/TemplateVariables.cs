using System.Text.Json.Nodes;

namespace ImageBuild.Cli.Rendering;

/// <summary>
/// The variables in scope while a template runs: a stack, so a control structure can drop what it declared by
/// going back to the mark it took on entry, as Go's executor does.
/// </summary>
internal sealed class TemplateVariables
{
    private readonly List<(string Name, JsonNode? Value)> _stack = [];

    public int Mark => _stack.Count;

    public void Reset(JsonNode? data)
    {
        _stack.Clear();
        _stack.Add(("$", data));
    }

    public void PopTo(int mark) => _stack.RemoveRange(mark, _stack.Count - mark);

    /// <summary>":=" declares a new variable; "=" overwrites the innermost one of that name.</summary>
    public void Set(string name, JsonNode? value, bool assign)
    {
        var index = assign ? _stack.FindLastIndex(variable => variable.Name == name) : -1;
        if (index >= 0)
        {
            _stack[index] = (name, value);
        }
        else
        {
            _stack.Add((name, value));
        }
    }

    public JsonNode? Get(string name) => _stack.FindLast(variable => variable.Name == name).Value;
}
