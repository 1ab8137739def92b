using System.Globalization;

namespace ImageBuild.Templates.Parsing;

/// <summary>Actions and the control structures: if, range, with, block, template, break, continue, else, end.</summary>
internal sealed partial class Parser
{
    private Node Action()
    {
        var item = NextNonSpace();
        switch (item.Type)
        {
            case ItemType.Block:
                return BlockControl();
            case ItemType.Break:
                return BreakOrContinue(item, "break");
            case ItemType.Continue:
                return BreakOrContinue(item, "continue");
            case ItemType.Else:
                return ElseControl();
            case ItemType.End:
                return new EndNode(Expect(ItemType.RightDelim, "end").Position);
            case ItemType.If:
                return Branch(BranchKind.If);
            case ItemType.Range:
                return Branch(BranchKind.Range);
            case ItemType.Template:
                return TemplateControl();
            case ItemType.With:
                return Branch(BranchKind.With);
        }

        Backup();
        var start = Peek();
        return new ActionNode(start.Position, start.Line, Pipeline("command", ItemType.RightDelim));
    }

    private Node BreakOrContinue(Item keyword, string name)
    {
        var item = NextNonSpace();
        if (item.Type != ItemType.RightDelim)
        {
            throw Unexpected(item, $"{{{{{name}}}}}");
        }

        if (rangeDepth == 0)
        {
            throw Errorf($"{{{{{name}}}}} outside {{{{range}}}}");
        }

        return name == "break" ? new BreakNode(keyword.Position, keyword.Line) : new ContinueNode(keyword.Position, keyword.Line);
    }

    private Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Type is ItemType.If or ItemType.With)
        {
            // "{{else if x}}" is "{{else}}{{if x}}...{{end}}": the if stays pending for the enclosing control.
            return new ElseNode(peek.Position, peek.Line);
        }

        var item = Expect(ItemType.RightDelim, "else");
        return new ElseNode(item.Position, item.Line);
    }

    private BranchNode Branch(BranchKind kind)
    {
        var context = kind.ToString().ToLowerInvariant();
        EnterNesting();
        var mark = variables.Count;
        try
        {
            var pipe = Pipeline(context, ItemType.RightDelim);
            if (kind == BranchKind.Range)
            {
                rangeDepth++;
            }

            var (list, next) = ItemList();
            if (kind == BranchKind.Range)
            {
                rangeDepth--;
            }

            ListNode? elseList = null;
            if (next is ElseNode)
            {
                if (kind == BranchKind.If && Peek().Type == ItemType.If)
                {
                    Next();
                    elseList = new ListNode(next.Position);
                    elseList.Nodes.Add(Branch(BranchKind.If));
                }
                else if (kind == BranchKind.With && Peek().Type == ItemType.With)
                {
                    Next();
                    elseList = new ListNode(next.Position);
                    elseList.Nodes.Add(Branch(BranchKind.With));
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next is not EndNode)
                    {
                        throw Errorf($"expected end; found {next}");
                    }
                }
            }

            return new BranchNode(kind, pipe.Position, pipe.Line, pipe, list, elseList);
        }
        finally
        {
            variables.RemoveRange(mark, variables.Count - mark);
            nesting--;
        }
    }

    private Node BlockControl()
    {
        const string context = "block clause";
        var item = NextNonSpace();
        var name = TemplateName(item, context);
        var pipe = Pipeline(context, ItemType.RightDelim);
        EnterNesting();
        var saved = (variables, rangeDepth);
        (variables, rangeDepth) = (["$"], 0);
        var (list, end) = ItemList();
        (variables, rangeDepth) = saved;
        nesting--;
        if (end is not EndNode)
        {
            throw Errorf($"unexpected {end} in {context}");
        }

        Add(new TemplateTree(name, list));
        return new TemplateNode(item.Position, item.Line, name, pipe);
    }

    private Node TemplateControl()
    {
        const string context = "template clause";
        var item = NextNonSpace();
        var name = TemplateName(item, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Type != ItemType.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, ItemType.RightDelim);
        }

        return new TemplateNode(item.Position, item.Line, name, pipe);
    }

    private string TemplateName(Item item, string context)
    {
        if (item.Type is not (ItemType.String or ItemType.RawString))
        {
            throw Unexpected(item, context);
        }

        return GoStrconv.TryUnquote(item.Value, out var name) ? name : throw Errorf("invalid syntax");
    }

    private void EnterNesting()
    {
        if (++nesting > MaxNesting)
        {
            throw Errorf(string.Create(CultureInfo.InvariantCulture,
                $"nesting too deep: more than {MaxNesting} levels of parentheses and blocks; simplify the template"));
        }
    }
}
