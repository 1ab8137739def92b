namespace ImageBuild.Templates.Parsing;

/// <summary>One named template of a parse: the top level ("" for docker's --format), or a {{define}} or {{block}}.</summary>
internal sealed class TemplateTree(string name, ListNode root)
{
    public string Name { get; } = name;

    public ListNode Root { get; set; } = root;

    /// <summary>Go's IsEmptyTree: only text that is all spaces (and nothing that runs).</summary>
    public static bool IsEmpty(Node node) => node switch
    {
        ListNode list => list.Nodes.All(IsEmpty),
        TextNode text => text.Text.Trim(' ', '\t', '\r', '\n').Length == 0,
        CommentNode => true,
        _ => false,
    };
}
