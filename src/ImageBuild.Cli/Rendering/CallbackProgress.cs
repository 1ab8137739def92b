namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Reports on the caller's thread, unlike <see cref="Progress{T}"/>, which posts to a synchronization context
/// and so could print lines after the work that caused them has finished.
/// </summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
