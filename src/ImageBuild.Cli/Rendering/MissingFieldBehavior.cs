namespace ImageBuild.Cli.Rendering;

/// <summary>What <c>{{.Name}}</c> does when the data has no member "Name".</summary>
internal enum MissingFieldBehavior
{
    /// <summary>Go's map behaviour: the value is missing and prints as "&lt;no value&gt;".</summary>
    NoValue,

    /// <summary>Go's struct behaviour (docker's list rows): "can't evaluate field Name" stops the template.</summary>
    Error,
}
