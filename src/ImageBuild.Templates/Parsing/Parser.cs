using System.Globalization;
using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Parsing;

/// <summary>
/// Go's text/template parser (parse.go) with its error texts: "template: NAME:LINE: reason", where LINE is that of
/// the last item read. Unknown functions and undeclared variables are errors here, before anything runs. Nesting of
/// parentheses and blocks is limited to <see cref="MaxNesting"/> levels.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>How deep parentheses and {{if}}/{{range}}/{{with}}/{{block}} may nest.</summary>
    public const int MaxNesting = 10000;

    private readonly Lexer lexer;
    private readonly string parseName;
    private readonly Func<string, bool> isFunction;
    private readonly Dictionary<string, TemplateTree> trees;
    private readonly Item[] token = new Item[3];
    private int peekCount;
    private List<string> variables = ["$"];
    private int rangeDepth;
    private int actionLine;
    private int nesting;

    private Parser(string text, string parseName, Func<string, bool> isFunction, Dictionary<string, TemplateTree> trees)
    {
        lexer = new Lexer(GoText.ToBytes(text));
        this.parseName = parseName;
        this.isFunction = isFunction;
        this.trees = trees;
    }

    /// <summary>Parses <paramref name="text"/>; the result holds the top-level template under <paramref name="name"/> and every {{define}}.</summary>
    /// <exception cref="TemplateParseException">The text is not a valid template.</exception>
    public static Dictionary<string, TemplateTree> Parse(string text, string name, Func<string, bool> isFunction)
    {
        var trees = new Dictionary<string, TemplateTree>(StringComparer.Ordinal);
        var parser = new Parser(text, name, isFunction, trees);
        try
        {
            StackGuard.Run(() => parser.ParseTop(name));
        }
        catch (TemplateParseFailure failure)
        {
            throw parser.Error(failure.Message);
        }

        return trees;
    }

    private void ParseTop(string name)
    {
        var root = new ListNode(Peek().Position);
        while (Peek().Type != ItemType.Eof)
        {
            if (Peek().Type == ItemType.LeftDelim)
            {
                var delim = Next();
                if (NextNonSpace().Type == ItemType.Define)
                {
                    ParseDefinition();
                    continue;
                }

                Backup2(delim);
            }

            var node = TextOrAction();
            if (node is EndNode or ElseNode)
            {
                throw Errorf($"unexpected {node}");
            }

            root.Nodes.Add(node);
        }

        Add(new TemplateTree(name, root));
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var nameItem = ExpectOneOf(ItemType.String, ItemType.RawString, context);
        if (!GoStrconv.TryUnquote(nameItem.Value, out var name))
        {
            throw Errorf("invalid syntax");
        }

        Expect(ItemType.RightDelim, context);
        var saved = (variables, rangeDepth);
        (variables, rangeDepth) = (["$"], 0);
        var (list, end) = ItemList();
        (variables, rangeDepth) = saved;
        if (end is not EndNode)
        {
            throw Errorf($"unexpected {end} in {context}");
        }

        Add(new TemplateTree(name, list));
    }

    /// <summary>Go's Tree.add: an empty body never replaces a template of the same name; two bodies are an error.</summary>
    private void Add(TemplateTree tree)
    {
        if (!trees.TryGetValue(tree.Name, out var existing) || TemplateTree.IsEmpty(existing.Root))
        {
            trees[tree.Name] = tree;
            return;
        }

        if (!TemplateTree.IsEmpty(tree.Root))
        {
            throw Errorf($"template: multiple definition of template {GoQuoteName(tree.Name)}");
        }
    }

    private static string GoQuoteName(string name) => Formatting.GoQuote.Quote(name);

    private (ListNode List, Node Next) ItemList() => StackGuard.Run(() =>
    {
        var list = new ListNode(PeekNonSpace().Position);
        while (PeekNonSpace().Type != ItemType.Eof)
        {
            var node = TextOrAction();
            if (node is EndNode or ElseNode)
            {
                return (list, node);
            }

            list.Nodes.Add(node);
        }

        throw Errorf("unexpected EOF");
    });

    private Node TextOrAction()
    {
        var item = NextNonSpace();
        switch (item.Type)
        {
            case ItemType.Text:
                return new TextNode(item.Position, item.Value);
            case ItemType.LeftDelim:
                actionLine = item.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    actionLine = 0;
                }

            case ItemType.Comment:
                return new CommentNode(item.Position, item.Value);
            default:
                throw Unexpected(item, "input");
        }
    }

    private Item Next()
    {
        if (peekCount > 0)
        {
            peekCount--;
        }
        else
        {
            token[0] = lexer.NextItem();
        }

        return token[peekCount];
    }

    private void Backup() => peekCount++;

    private void Backup2(Item first)
    {
        token[1] = first;
        peekCount = 2;
    }

    private void Backup3(Item second, Item first)
    {
        token[1] = first;
        token[2] = second;
        peekCount = 3;
    }

    private Item Peek()
    {
        if (peekCount > 0)
        {
            return token[peekCount - 1];
        }

        peekCount = 1;
        token[0] = lexer.NextItem();
        return token[0];
    }

    private Item NextNonSpace()
    {
        Item item;
        do
        {
            item = Next();
        }
        while (item.Type == ItemType.Space);
        return item;
    }

    private Item PeekNonSpace()
    {
        var item = NextNonSpace();
        Backup();
        return item;
    }

    private Item Expect(ItemType expected, string context)
    {
        var item = NextNonSpace();
        return item.Type == expected ? item : throw Unexpected(item, context);
    }

    private Item ExpectOneOf(ItemType first, ItemType second, string context)
    {
        var item = NextNonSpace();
        return item.Type == first || item.Type == second ? item : throw Unexpected(item, context);
    }

    private TemplateParseException Unexpected(Item item, string context)
    {
        if (item.Type == ItemType.Error)
        {
            var extra = string.Empty;
            if (actionLine != 0 && actionLine != item.Line)
            {
                extra = string.Create(CultureInfo.InvariantCulture, $" in {context}");
                if (context.EndsWith(" clause", StringComparison.Ordinal))
                {
                    extra = " " + context;
                }

                extra += string.Create(CultureInfo.InvariantCulture, $" starting at {parseName}:{actionLine}");
            }

            return Errorf(item + extra);
        }

        return Errorf($"unexpected {item} in {context}");
    }

    private TemplateParseException Errorf(string reason) => Error(reason);

    private TemplateParseException Error(string reason) =>
        new(string.Create(CultureInfo.InvariantCulture, $"template: {parseName}:{token[0].Line}: {reason}"));
}
