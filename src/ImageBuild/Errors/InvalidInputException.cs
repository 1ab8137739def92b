namespace ImageBuild.Errors;

/// <summary>
/// The caller passed something malformed (a reference, a platform, a filter). Front ends treat it as a
/// usage error (exit code 2 in the CLI).
/// </summary>
public class InvalidInputException : ImageBuildException
{
    public InvalidInputException(string message)
        : base(message)
    {
    }
}
