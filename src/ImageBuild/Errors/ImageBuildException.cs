namespace ImageBuild.Errors;

/// <summary>
/// A failure the user can understand and act on: bad input, a missing image, a corrupt file.
/// The message is one line that names the problem and the fix; front ends print it without a stack trace.
/// </summary>
public class ImageBuildException : Exception
{
    public ImageBuildException(string message)
        : base(message)
    {
    }

    public ImageBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
