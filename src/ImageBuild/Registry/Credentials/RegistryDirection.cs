namespace ImageBuild.Registry.Credentials;

/// <summary>Whether credentials are for pulling, pushing or both; the .NET SDK has separate variables for each.</summary>
public enum RegistryDirection
{
    Any,
    Pull,
    Push,
}
