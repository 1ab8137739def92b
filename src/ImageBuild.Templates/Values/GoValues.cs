using ImageBuild.Templates.Text;

namespace ImageBuild.Templates.Values;

/// <summary>The reflect operations text/template and fmt rely on, over <see cref="GoValue"/> trees.</summary>
public static class GoValues
{
    /// <summary>reflect's indirect: follows pointers and interfaces until a nil one (isNil) or a concrete value.</summary>
    public static (GoValue? Value, bool IsNil) Indirect(GoValue? value)
    {
        while (true)
        {
            switch (value)
            {
                case GoPointer pointer:
                    if (pointer.IsNil)
                    {
                        return (value, true);
                    }

                    value = pointer.Target;
                    break;
                case GoInterface iface:
                    if (iface.IsNil)
                    {
                        return (value, true);
                    }

                    value = iface.Dynamic;
                    break;
                default:
                    return (value, false);
            }
        }
    }

    /// <summary>text/template's indirectInterface: the value inside an interface (null for a nil one).</summary>
    public static GoValue? IndirectInterface(GoValue? value) => value is GoInterface iface ? iface.Dynamic : value;

    /// <summary>text/template's isTrue: the zero value of its type is false; ok is false when truth is undefined.</summary>
    public static (bool Truth, bool Ok) IsTrue(GoValue? value) => value switch
    {
        null => (false, true),
        GoBool b => (b.Value, true),
        GoInt i => (i.Value != 0, true),
        GoUint u => (u.Value != 0, true),
        GoFloat f => (f.Value != 0, true),
        GoComplex c => (c.Value != System.Numerics.Complex.Zero, true),
        GoString s => (s.Value.Length > 0, true),
        GoSlice slice => (slice.Count > 0, true),
        GoMap map => (map.Count > 0, true),
        GoPointer pointer => (!pointer.IsNil, true),
        GoInterface iface => (!iface.IsNil, true),
        GoStruct or GoTime => (true, true),
        _ => (false, false),
    };

    /// <summary>Len of a string (bytes), slice or map; null for values without a length.</summary>
    public static int? Length(GoValue value) => value switch
    {
        GoString s => GoText.ByteLength(s.Value),
        GoSlice slice => slice.Count,
        GoMap map => map.Count,
        _ => null,
    };

    /// <summary>True when the value is nil (or missing), for the comparison functions.</summary>
    public static bool IsNil(GoValue? value) => value switch
    {
        null => true,
        GoSlice slice => slice.IsNil,
        GoMap map => map.IsNil,
        GoPointer pointer => pointer.IsNil,
        GoInterface iface => iface.IsNil,
        _ => false,
    };

    internal static bool KeysEqual(GoValue a, GoValue b) => (a, b) switch
    {
        (GoString x, GoString y) => x.Value == y.Value,
        (GoInt x, GoInt y) => x.Value == y.Value,
        (GoUint x, GoUint y) => x.Value == y.Value,
        (GoBool x, GoBool y) => x.Value == y.Value,
        (GoFloat x, GoFloat y) => x.Value == y.Value,
        (GoInterface x, _) => x.Dynamic is not null && KeysEqual(x.Dynamic, b),
        (_, GoInterface y) => y.Dynamic is not null && KeysEqual(a, y.Dynamic),
        _ => false,
    };

    /// <summary>The order fmt and range visit map keys in (internal/fmtsort).</summary>
    public static IReadOnlyList<KeyValuePair<GoValue, GoValue>> SortedEntries(GoMap map)
    {
        var entries = (map.Entries ?? []).ToList();
        entries.Sort((x, y) => CompareKeys(x.Key, y.Key));
        return entries;
    }

    private static int CompareKeys(GoValue a, GoValue b) => (a, b) switch
    {
        (GoString x, GoString y) => GoText.Compare(x.Value, y.Value),
        (GoInt x, GoInt y) => x.Value.CompareTo(y.Value),
        (GoUint x, GoUint y) => x.Value.CompareTo(y.Value),
        (GoFloat x, GoFloat y) => x.Value.CompareTo(y.Value),
        (GoBool x, GoBool y) => x.Value.CompareTo(y.Value),
        (GoInterface x, GoInterface y) => x.Dynamic is null || y.Dynamic is null
            ? (x.Dynamic is null).CompareTo(y.Dynamic is null) * -1
            : CompareKeys(x.Dynamic, y.Dynamic),
        _ => 0,
    };

    /// <summary>The value of the field <paramref name="name"/>, searching embedded structs as Go promotes their fields.</summary>
    public static bool TryGetField(GoStruct value, string name, out GoValue field, out GoField definition)
    {
        var fields = value.Type.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name)
            {
                field = value.Fields[i];
                definition = fields[i];
                return true;
            }
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Embedded && Indirect(value.Fields[i]).Value is GoStruct inner && TryGetField(inner, name, out field, out definition))
            {
                return true;
            }
        }

        field = null!;
        definition = null!;
        return false;
    }

    /// <summary>Whether a struct type has a field <paramref name="name"/> (own or promoted).</summary>
    public static bool HasField(GoType type, string name)
    {
        foreach (var field in type.Fields)
        {
            if (field.Name == name)
            {
                return true;
            }
        }

        foreach (var field in type.Fields)
        {
            var inner = field.Type.Kind == GoKind.Pointer ? field.Type.Elem! : field.Type;
            if (field.Embedded && inner.Kind == GoKind.Struct && HasField(inner, name))
            {
                return true;
            }
        }

        return false;
    }
}
