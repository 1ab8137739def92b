using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace ImageBuild.Templates;

/// <summary>
/// Lets the recursive parser and executor go as deep as Go's limits allow without overflowing the stack: when the
/// current thread's stack runs low, the rest of the work continues on a fresh thread with a large stack, and the
/// caller waits for it (exceptions come back as they were thrown). Callers check <see cref="IsLow"/> first so the
/// common path adds no frames.
/// </summary>
internal static class StackGuard
{
    private const int HopStackSize = 64 * 1024 * 1024;

    /// <summary>True when too little stack is left to recurse further on this thread.</summary>
    public static bool IsLow => !RuntimeHelpers.TryEnsureSufficientExecutionStack();

    public static void Run(Action action)
    {
        if (IsLow)
        {
            Hop(action);
            return;
        }

        action();
    }

    public static T Run<T>(Func<T> function)
    {
        if (!IsLow)
        {
            return function();
        }

        T result = default!;
        Hop(() => result = function());
        return result;
    }

    private static void Hop(Action action)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            },
            HopStackSize);
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
