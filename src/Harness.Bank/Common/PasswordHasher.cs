using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Harness.Bank.Common;

/// <summary>
/// Password hashes in the self-describing PHC string form <c>$argon2id$v=19$m=…,t=…,p=1$salt$hash</c> (libsodium through NSec).
/// Hashes of the earlier form <c>pbkdf2-sha512$iterations$salt$hash</c> still verify; <see cref="NeedsRehash"/> tells when a
/// stored hash is of another algorithm or cost, so a successful login can store it again at today's cost.
/// Hashing is CPU-bound: at most <c>maxConcurrent</c> computations run at once, so that hashing cannot occupy every core
/// and starve the cheap requests (the OTP step, the menu) queued behind it.
/// </summary>
public sealed class PasswordHasher
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Argon2Prefix = "$argon2id$v=19$";
    private readonly PasswordHashCost _cost;
    private readonly SemaphoreSlim _slots;
    private readonly string _dummy;
    private long _computations;

    public PasswordHasher(PasswordHashCost cost, int maxConcurrent)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentOutOfRangeException.ThrowIfLessThan(cost.MemoryKib, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(cost.Passes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        _cost = cost;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _dummy = HashNow("dummy-password");
    }

    /// <summary>One fewer than the cores (at least one): the remaining core keeps serving everything else.</summary>
    public static int DefaultConcurrency => Math.Max(1, Environment.ProcessorCount - 1);

    public PasswordHashCost Cost => _cost;

    /// <summary>How many hashes this hasher has computed (tests: an unknown id spends one, like a wrong password).</summary>
    internal long Computations => Interlocked.Read(ref _computations);

    public async Task<string> HashAsync(string password, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            Interlocked.Increment(ref _computations);
            return HashNow(password);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task<bool> VerifyAsync(string password, string stored, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            Interlocked.Increment(ref _computations);
            return Verify(password, stored);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Spends the same time as a real check, so an unknown id is answered like a wrong password.</summary>
    public Task VerifyAgainstDummyAsync(string password, CancellationToken ct) => VerifyAsync(password, _dummy, ct);

    /// <summary>True when the stored hash is not Argon2id at this hasher's cost (an old PBKDF2 hash, or another cost).</summary>
    public bool NeedsRehash(string stored) => !stored.StartsWith(Argon2Prefix + ParametersText(_cost) + "$", StringComparison.Ordinal);

    /// <summary>Checks a password against a stored hash of either form; a malformed stored hash never matches.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var offered = Encoding.UTF8.GetBytes(password);
        if (stored.StartsWith(Argon2Prefix, StringComparison.Ordinal))
        {
            return VerifyArgon2(offered, stored);
        }
        if (stored.StartsWith("pbkdf2-sha512$", StringComparison.Ordinal))
        {
            return VerifyPbkdf2(offered, stored);
        }
        return false;
    }

    /// <summary>The earlier scheme, kept so tests can store a hash as the bank used to and watch it being upgraded.</summary>
    internal static string HashPbkdf2(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, 64);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha512${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    private string HashNow(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Argon2(_cost, Encoding.UTF8.GetBytes(password), salt, HashBytes);
        return Argon2Prefix + ParametersText(_cost) + "$" + Phc(salt) + "$" + Phc(hash);
    }

    private static string ParametersText(PasswordHashCost cost) =>
        string.Create(CultureInfo.InvariantCulture, $"m={cost.MemoryKib},t={cost.Passes},p=1");

    private static byte[] Argon2(PasswordHashCost cost, byte[] password, byte[] salt, int length) =>
        PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = cost.MemoryKib,
            NumberOfPasses = cost.Passes,
        }).DeriveBytes(password, salt, length);

    private static bool VerifyArgon2(byte[] offered, string stored)
    {
        // "", "argon2id", "v=19", "m=…,t=…,p=1", salt, hash
        var parts = stored.Split('$');
        if (parts.Length != 6 || ParseParameters(parts[3]) is not { } cost
            || FromPhc(parts[4]) is not { Length: SaltBytes } salt || FromPhc(parts[5]) is not { Length: >= 16 and <= 64 } expected)
        {
            return false;
        }
        var actual = Argon2(cost, offered, salt, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static PasswordHashCost? ParseParameters(string text)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in text.Split(','))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            values[kv[0]] = value;
        }
        return values.Count == 3 && values.GetValueOrDefault("p") == 1
            && values.GetValueOrDefault("m") is >= 8 and <= 1024 * 1024 && values.GetValueOrDefault("t") is >= 1 and <= 64
            ? new PasswordHashCost(values["m"], values["t"])
            : null;
    }

    private static bool VerifyPbkdf2(byte[] offered, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }
        if (FromPhc(parts[2]) is not { Length: > 0 } salt || FromPhc(parts[3]) is not { Length: > 0 } expected)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(offered, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>PHC strings use standard base64 without padding.</summary>
    private static string Phc(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? FromPhc(string text)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
