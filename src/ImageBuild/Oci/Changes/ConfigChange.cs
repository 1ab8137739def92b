using ImageBuild.Oci;

namespace ImageBuild.Oci.Changes;

/// <summary>
/// One change to an image's execution config, with Dockerfile semantics. Changes are values: applying one
/// returns a new config and leaves the input untouched.
/// </summary>
public abstract record ConfigChange
{
    public abstract ContainerConfig Apply(ContainerConfig config);

    /// <summary>The Dockerfile-style text of the change, as history entries record it.</summary>
    public abstract string Describe();
}
