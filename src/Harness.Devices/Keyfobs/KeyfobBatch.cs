using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Harness.Devices.Keyfobs;

/// <summary>
/// A delivery of keyfobs from the token vendor: the customers get the devices, the bank gets the
/// seeds as one PSKC file (CONTRACTS.md §5).
/// </summary>
public sealed class KeyfobBatch
{
    public const int SeedLength = 20;

    private KeyfobBatch(IReadOnlyList<Keyfob> keyfobs) => Keyfobs = keyfobs;

    public IReadOnlyList<Keyfob> Keyfobs { get; }

    /// <summary>Makes <paramref name="count"/> keyfobs with consecutive serials and fresh random 20-byte seeds.</summary>
    public static KeyfobBatch Manufacture(SerialNumber firstSerial, int count, DateTimeOffset expiresAt, TimeProvider clock,
        string manufacturer = "Harness")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var first = BigInteger.Parse(firstSerial.Value, CultureInfo.InvariantCulture);
        var width = firstSerial.Value.Length;
        var keyfobs = new List<Keyfob>(count);
        for (var i = 0; i < count; i++)
        {
            var serial = SerialNumber.Parse((first + i).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
            keyfobs.Add(new Keyfob(serial, RandomNumberGenerator.GetBytes(SeedLength), expiresAt, clock, manufacturer: manufacturer));
        }
        return new KeyfobBatch(keyfobs);
    }

    public static KeyfobBatch Of(params Keyfob[] keyfobs) => new(keyfobs);

    public Keyfob this[SerialNumber serial] => Keyfobs.Single(k => k.Serial == serial);

    /// <summary>The PSKC file for the bank's staff import (POST /staff/api/keyfobs/import).</summary>
    public string ExportPskc() => Pskc.Write(Keyfobs.Select(k => new PskcKeyPackage(
        k.Manufacturer, k.Serial, k.ExpiresAt, k.Seed.ToArray(), k.Digits, (int)k.Step.TotalSeconds)));
}
