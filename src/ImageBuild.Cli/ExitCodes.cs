namespace ImageBuild.Cli;

internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>A --format template of inspect that does not parse: docker's CLI exits with 64 (EX_USAGE) there.</summary>
    public const int TemplateSyntax = 64;
}
