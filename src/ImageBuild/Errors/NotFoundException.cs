namespace ImageBuild.Errors;

/// <summary>An image, tag or blob that the caller named does not exist where it was looked for.</summary>
public class NotFoundException : ImageBuildException
{
    public NotFoundException(string message)
        : base(message)
    {
    }
}
