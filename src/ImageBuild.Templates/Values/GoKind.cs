namespace ImageBuild.Templates.Values;

/// <summary>The kinds of Go types a template value can have (reflect.Kind's subset that docker's data uses).</summary>
public enum GoKind
{
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Float32,
    Float64,
    Complex64,
    Complex128,
    String,
    Slice,
    Map,
    Struct,
    Pointer,
    Interface,
    Func,
}

internal static class GoKinds
{
    public static bool IsSignedInteger(this GoKind kind) => kind is GoKind.Int or GoKind.Int8 or GoKind.Int16 or GoKind.Int32 or GoKind.Int64;

    public static bool IsUnsignedInteger(this GoKind kind) => kind is GoKind.Uint or GoKind.Uint8 or GoKind.Uint16 or GoKind.Uint32 or GoKind.Uint64;

    public static bool IsInteger(this GoKind kind) => kind.IsSignedInteger() || kind.IsUnsignedInteger();

    public static bool IsFloat(this GoKind kind) => kind is GoKind.Float32 or GoKind.Float64;

    public static bool IsComplex(this GoKind kind) => kind is GoKind.Complex64 or GoKind.Complex128;

    /// <summary>Types whose zero value is nil (reflect's canBeNil, without reflect.Value).</summary>
    public static bool CanBeNil(this GoKind kind) => kind is GoKind.Map or GoKind.Slice or GoKind.Pointer or GoKind.Interface or GoKind.Func;
}
