using System.Buffers.Binary;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.V1;

namespace Telemetry.Contracts.Privacy;

/// <summary>
/// Applies the privacy classes of the telemetry.v1 annotations to a message and everything below it: removes
/// never-stored fields, rounds rounded numbers and replaces keyed-hash values by an HMAC under a secret key.
/// The collector runs it on every report before buffering; the reporter SDK runs it before a report leaves the
/// process, so both enforce exactly the rules the contract declares.
/// </summary>
/// <remarks>Thread-safe: the instance holds only the key and a cache of per-message plans.</remarks>
public sealed class ReportAnonymizer
{
    /// <summary>The smallest key accepted, in bytes; HMAC-SHA256 gains nothing from more than 64.</summary>
    public const int MinimumKeyLength = 32;

    private static readonly ConcurrentDictionary<MessageDescriptor, FieldRule[]> Plans = new();

    private readonly byte[] _key;

    /// <summary>Creates an anonymizer that hashes with <paramref name="key"/>.</summary>
    /// <param name="key">The secret HMAC key, at least <see cref="MinimumKeyLength"/> bytes.</param>
    public ReportAnonymizer(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"The hash key must be at least {MinimumKeyLength} bytes; it is {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Anonymizes <paramref name="message"/> in place.</summary>
    public void Apply(IMessage message) => Apply(message, hashKeyed: true);

    /// <summary>
    /// Anonymizes a message whose KEYED_HASH values were hashed already (by a trusted relay): removes never-stored
    /// fields and rounds rounded numbers, which give the same result when done twice, and leaves hashes as they are.
    /// </summary>
    public void ApplyExceptKeyedHashes(IMessage message) => Apply(message, hashKeyed: false);

    private void Apply(IMessage message, bool hashKeyed)
    {
        foreach (var rule in PlanFor(message.Descriptor))
        {
            var field = rule.Field;
            if (rule.Privacy == PrivacyClass.NeverStored)
            {
                field.Accessor.Clear(message);
                continue;
            }

            if (field.IsMap)
            {
                ApplyToMap(rule, (IDictionary)field.Accessor.GetValue(message), hashKeyed);
            }
            else if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                for (var i = 0; i < list.Count; i++)
                {
                    var value = list[i]!;
                    var anonymized = ApplyToValue(rule.Privacy, field, value, hashKeyed);
                    if (!ReferenceEquals(anonymized, value))
                    {
                        list[i] = anonymized;
                    }
                }
            }
            else if (rule.Round is { } round)
            {
                if (!field.HasPresence || field.Accessor.HasValue(message))
                {
                    round(message);
                }
            }
            else if (field.FieldType == FieldType.Message || !field.HasPresence || field.Accessor.HasValue(message))
            {
                var value = field.Accessor.GetValue(message);
                if (value is not null)
                {
                    var anonymized = ApplyToValue(rule.Privacy, field, value, hashKeyed);
                    if (!ReferenceEquals(anonymized, value))
                    {
                        field.Accessor.SetValue(message, anonymized);
                    }
                }
            }
        }
    }

    /// <summary>The keyed hash of a string: 16 bytes of HMAC-SHA256, as 32 lower-case hex digits.</summary>
    public string Hash(string value)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value), mac);
        return Convert.ToHexStringLower(mac[..16]);
    }

    /// <summary>The keyed hash of an integer identifier: the first 8 bytes of the HMAC of its decimal form.</summary>
    public ulong Hash(ulong value)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)), mac);
        return BinaryPrimitives.ReadUInt64BigEndian(mac);
    }

    private void ApplyToMap(FieldRule rule, IDictionary map, bool hashKeyed)
    {
        if (rule.Privacy == PrivacyClass.KeyedHash && hashKeyed)
        {
            RehashMap(map, hashKeyed);
            return;
        }

        // The keys stay: messages are anonymized in place, and only numbers that rounding changes are replaced.
        List<DictionaryEntry>? rounded = null;
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Value is IMessage nested)
            {
                Apply(nested, hashKeyed);
            }
            else if (rule.Privacy == PrivacyClass.Rounded
                && SignificantDigits.RoundNumber(entry.Value!) is var value && !ReferenceEquals(value, entry.Value))
            {
                (rounded ??= []).Add(new DictionaryEntry(entry.Key, value));
            }
        }

        foreach (var entry in rounded ?? [])
        {
            map[entry.Key] = entry.Value;
        }
    }

    // A map whose keys are hashed: every entry is taken out and put back under its key's hash.
    private void RehashMap(IDictionary map, bool hashKeyed)
    {
        var entries = new List<DictionaryEntry>(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            entries.Add(entry);
        }

        map.Clear();
        foreach (var entry in entries)
        {
            if (entry.Value is IMessage nested)
            {
                Apply(nested, hashKeyed);
            }

            map[HashKey(entry.Key)] = entry.Value;
        }
    }

    private object HashKey(object key) => key switch
    {
        string text => Hash(text),
        ulong number => Hash(number),
        long number => (long)(Hash(unchecked((ulong)number)) >> 1),
        uint number => (uint)(Hash(number) >> 32),
        int number => (int)(Hash(unchecked((ulong)number)) >> 33),
        _ => key,
    };

    private object ApplyToValue(PrivacyClass privacy, FieldDescriptor field, object value, bool hashKeyed)
    {
        if (value is IMessage nested)
        {
            Apply(nested, hashKeyed);
            return nested;
        }

        return privacy switch
        {
            PrivacyClass.Rounded => SignificantDigits.RoundNumber(value),
            PrivacyClass.KeyedHash when hashKeyed => HashKey(value),
            _ => value,
        };
    }

    private static FieldRule[] PlanFor(MessageDescriptor descriptor) =>
        Plans.GetOrAdd(descriptor, static d => d.Fields.InDeclarationOrder()
            .Select(f => (Field: f, Privacy: FieldAnnotations.GetPrivacy(f)))
            .Where(r => r.Privacy != PrivacyClass.Public || CarriesMessages(r.Field))
            .Select(r => new FieldRule(r.Field, r.Privacy, r.Privacy == PrivacyClass.Rounded ? RounderOf(r.Field) : null))
            .ToArray());

    // Rounds a singular number in place through typed accessors, writing it back only when rounding changed it;
    // null for a field that is repeated, a map, a message or not a number.
    private static Action<IMessage>? RounderOf(FieldDescriptor field)
    {
        if (field.IsRepeated || field.IsMap)
        {
            return null;
        }

        return field.FieldType switch
        {
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Rounder<long>(field, SignificantDigits.Round),
            FieldType.UInt64 or FieldType.Fixed64 => Rounder<ulong>(field, SignificantDigits.Round),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Rounder<int>(field, SignificantDigits.Round),
            FieldType.UInt32 or FieldType.Fixed32 => Rounder<uint>(field, SignificantDigits.Round),
            FieldType.Double => Rounder<double>(field, SignificantDigits.Round),
            FieldType.Float => Rounder<float>(field, SignificantDigits.Round),
            _ => null,
        };
    }

    private static Action<IMessage> Rounder<T>(FieldDescriptor field, Func<T, T> round)
        where T : IEquatable<T>
    {
        var get = ScalarFieldAccess.Getter<T>(field);
        var set = ScalarFieldAccess.Setter<T>(field);
        return message =>
        {
            var value = get(message);
            var rounded = round(value);
            if (!rounded.Equals(value))
            {
                set(message, rounded);
            }
        };
    }

    private static bool CarriesMessages(FieldDescriptor field) =>
        (field.IsMap ? field.MessageType.FindFieldByNumber(2) : field).FieldType == FieldType.Message;

    private sealed record FieldRule(FieldDescriptor Field, PrivacyClass Privacy, Action<IMessage>? Round);
}
