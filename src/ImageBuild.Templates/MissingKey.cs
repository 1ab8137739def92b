namespace ImageBuild.Templates;

/// <summary>Go's "missingkey" option: what <c>{{.Name}}</c> on a map without that key gives.</summary>
public enum MissingKey
{
    /// <summary>The default: no value, printed as "&lt;no value&gt;".</summary>
    Invalid,

    /// <summary>The zero value of the map's element type.</summary>
    Zero,

    /// <summary>An error: map has no entry for key "Name".</summary>
    Error,
}
