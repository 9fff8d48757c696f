using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Harness.Bank.Common;

/// <summary>
/// PBKDF2-HMAC-SHA512 with a random salt, 210,000 iterations by default (OWASP's figure for SHA-512,
/// and Keycloak's default); the iteration count is stored with each hash.
/// </summary>
public sealed class PasswordHasher(int iterations)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 64;
    public const int RecommendedIterations = 210_000;
    private readonly Lazy<string> _dummy = new(() => new PasswordHasher(iterations).Hash("dummy-password"));

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha512${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha512")
        {
            return false;
        }
        var iterationCount = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterationCount, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the same time as a real check, so an unknown id is answered like a wrong password.</summary>
    public void VerifyAgainstDummy(string password) => Verify(password, _dummy.Value);
}
