package io.herald.delivery;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.canon.DigestOutputStream;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;

/**
 * jDKIM's signer with the RSA and the body's SHA-256 computed by a chosen JCA provider. jDKIM asks
 * {@code Signature.getInstance} for the first provider in the JVM's list, always the JDK's; installing a faster one
 * first would change the crypto of the whole process (TLS included) for the sake of one signature. The steps are jDKIM 0.3's own
 * ({@code DKIMSigner.sign(Headers, BodyHasher)}): body hash into the record, the signed header fields and the record
 * canonicalized into the signature by jDKIM's {@code signatureCheck}, the signature into the record.
 */
final class ProviderDkimSigner extends DKIMSigner {

    private final PrivateKey key;
    private final Provider provider;

    /** @param provider the provider of SHA256withRSA, which must accept {@code key}; null for the JVM's default */
    ProviderDkimSigner(String template, PrivateKey key, Provider provider) {
        super(template, key);
        this.key = key;
        this.provider = provider;
    }

    /**
     * jDKIM's body hasher, hashing with the provider's digest: jDKIM takes the JVM's first SHA-256, the JDK's, which
     * without the optimising compiler's intrinsics ({@code deploy/jvm.options} leaves it out) cost more per message
     * than everything else but the RSA. The canonicalization is jDKIM's own (relaxed, as Herald signs); a template
     * with a body length limit or simple canonicalization keeps jDKIM's hasher as it is.
     */
    @Override
    public BodyHasher newBodyHasher(SignatureRecord record) throws PermFailException {
        BodyHasher hasher = super.newBodyHasher(record);
        if (provider != null
                && hasher instanceof BodyHasherImpl impl
                && record.getBodyHashLimit() == -1
                && "relaxed".equals(record.getBodyCanonicalisationMethod())) {
            try {
                DigestOutputStream digest = new DigestOutputStream(
                        MessageDigest.getInstance(record.getHashAlgo().toString(), provider));
                impl.setDigestOutputStream(digest);
                impl.setOutputStream(new RelaxedBodyCanonicalizer(digest));
            } catch (NoSuchAlgorithmException e) {
                // The provider has no such digest: jDKIM's own stays.
            }
        }
        return hasher;
    }

    @Override
    public String sign(Headers headers, BodyHasher bodyHasher) throws PermFailException {
        if (!(bodyHasher instanceof BodyHasherImpl hasher)) {
            throw new PermFailException("Supplied BodyHasher has not been generated with this signer");
        }
        SignatureRecord record = hasher.getSignatureRecord();
        record.setBodyHash(hasher.getDigest());
        try {
            String algorithm = record.getHashMethod().toString().toUpperCase(java.util.Locale.ROOT) + "with"
                    + record.getHashKeyType().toString().toUpperCase(java.util.Locale.ROOT);
            Signature signature =
                    provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
            signature.initSign(key);
            signatureCheck(headers, record, record.getHeaders(), signature);
            record.setSignature(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new PermFailException("DKIM signature failed: " + e.getMessage(), e);
        }
        return "DKIM-Signature:" + record;
    }
}
