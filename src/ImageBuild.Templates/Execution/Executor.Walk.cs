using System.Globalization;
using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Parsing;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Execution;

/// <summary>The statements: text, actions, if/with, range, {{template}}, break and continue.</summary>
internal sealed partial class Executor
{
    private Flow Walk(GoValue? dot, Node current) => StackGuard.IsLow ? WalkOnNewStack(dot, current) : WalkNode(dot, current);

    private Flow WalkOnNewStack(GoValue? dot, Node current) => StackGuard.Run(() => WalkNode(dot, current));

    private Flow WalkNode(GoValue? dot, Node current)
    {
        At(current);
        switch (current)
        {
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Declarations.Count == 0)
                {
                    PrintValue(action, value);
                }

                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            case CommentNode:
                return Flow.Normal;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case ListNode list:
                foreach (var item in list.Nodes)
                {
                    var flow = Walk(dot, item);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case TemplateNode call:
                return WalkTemplate(dot, call);
            case TextNode textNode:
                output.Write(textNode.Text);
                return Flow.Normal;
            default:
                throw Errorf($"unknown node: {current}");
        }
    }

    private Flow WalkIfOrWith(GoValue? dot, BranchNode branch)
    {
        var mark = Mark();
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            var (truth, ok) = GoValues.IsTrue(GoValues.IndirectInterface(value));
            if (!ok)
            {
                throw Errorf($"if/with can't use {GoPrinter.Sprint([value])}");
            }

            if (truth)
            {
                return Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
            }

            return branch.ElseList is null ? Flow.Normal : Walk(dot, branch.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(GoValue? dot, BranchNode range)
    {
        At(range);
        var outer = Mark();
        try
        {
            var (value, _) = GoValues.Indirect(EvalPipeline(dot, range.Pipe));
            var mark = Mark();
            var ran = false;
            foreach (var (index, element) in Iterations(range, value))
            {
                ran = true;
                var flow = OneIteration(range, mark, index, element);
                if (flow == Flow.Abort)
                {
                    return flow;
                }

                if (flow == Flow.Break)
                {
                    break;
                }
            }

            return ran || range.ElseList is null ? Flow.Normal : Walk(dot, range.ElseList);
        }
        finally
        {
            Pop(outer);
        }
    }

    /// <summary>What range visits: a slice's elements, a map's entries in key order, or 0..n-1 for an integer n.</summary>
    private IEnumerable<(GoValue Index, GoValue Element)> Iterations(BranchNode range, GoValue? value)
    {
        switch (value)
        {
            case GoSlice slice:
                return slice.Items?.Select((element, i) => (GoValue.Of(i), element)) ?? [];
            case GoMap map:
                return GoValues.SortedEntries(map).Select(entry => (entry.Key, entry.Value));
            case GoInt or GoUint:
                if (range.Pipe.Declarations.Count > 1)
                {
                    throw Errorf($"can't use {GoPrinter.Sprint([value])} to iterate over more than one variable");
                }

                var count = value is GoInt signed ? signed.Value : (long)Math.Min(((GoUint)value).Value, long.MaxValue);
                return Counting(value.Type, count, value is GoInt);
            case null:
                return [];
            default:
                throw Errorf($"range can't iterate over {GoPrinter.Sprint([value])}");
        }
    }

    private static IEnumerable<(GoValue Index, GoValue Element)> Counting(GoType type, long count, bool signed)
    {
        for (long i = 0; i < count; i++)
        {
            var number = signed ? (GoValue)new GoInt(type, i) : new GoUint(type, (ulong)i);
            yield return (number, number);
        }
    }

    private Flow OneIteration(BranchNode range, int mark, GoValue index, GoValue element)
    {
        var declarations = range.Pipe.Declarations;
        if (declarations.Count > 0)
        {
            if (range.Pipe.IsAssign)
            {
                SetVariable(declarations[0].Identifiers[0], declarations.Count > 1 ? index : element);
            }
            else
            {
                SetTopVariable(1, element);
            }
        }

        if (declarations.Count > 1)
        {
            if (range.Pipe.IsAssign)
            {
                SetVariable(declarations[1].Identifiers[0], element);
            }
            else
            {
                SetTopVariable(2, index);
            }
        }

        try
        {
            var flow = Walk(element, range.List);
            return flow is Flow.Break or Flow.Abort ? flow : Flow.Normal;
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkTemplate(GoValue? dot, TemplateNode call)
    {
        At(call);
        if (!trees.TryGetValue(call.Name, out var called))
        {
            throw Errorf($"template {GoQuote.Quote(call.Name)} not defined");
        }

        if (depth == MaxExecDepth)
        {
            abortError = Errorf(string.Create(CultureInfo.InvariantCulture, $"exceeded maximum template depth ({MaxExecDepth})"));
            return Flow.Abort;
        }

        dot = EvalPipeline(dot, call.Pipe);
        var saved = (template, variables, node, depth);
        (template, variables, depth) = (called, [new Variable("$", dot)], depth + 1);

        // No finally: a failure ends the whole execution, so the caller's state needs restoring only on success.
        var flow = Walk(dot, called.Root);
        (template, variables, node, depth) = saved;
        return flow == Flow.Abort ? flow : Flow.Normal;
    }

    /// <summary>Go's printValue: what an action shows; a missing value is "&lt;no value&gt;".</summary>
    private void PrintValue(Node at, GoValue? value)
    {
        At(at);
        if (value is GoPointer)
        {
            value = GoValues.Indirect(value).Value;
        }

        if (value is null)
        {
            output.Write("<no value>");
            return;
        }

        if (value.Kind == GoKind.Func)
        {
            throw Errorf($"can't print {at} of type {value.Type}");
        }

        output.Write(GoPrinter.Sprint([value]));
    }
}
