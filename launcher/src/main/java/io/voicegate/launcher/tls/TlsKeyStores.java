package io.voicegate.launcher.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;

/** Builds the in-memory key store Jetty serves HTTPS from: PEM files, or a self-signed development certificate. */
public final class TlsKeyStores {

    /** A key store with its (random, in-memory only) password. */
    public record Loaded(KeyStore keyStore, char[] password) {
    }

    private TlsKeyStores() {
    }

    public static Loaded fromPem(Path certFile, Path keyFile) {
        try {
            var chain = readCertificates(certFile);
            if (chain.isEmpty()) throw new IllegalArgumentException("no certificate found in " + certFile.getFileName());
            return keyStore(readPrivateKey(keyFile), chain.toArray(Certificate[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + certFile.getFileName() + " or " + keyFile.getFileName(), e);
        }
    }

    /**
     * Returns the development certificate under {@code dir}, creating it (and its key, readable by the owner only)
     * on first use. Valid for localhost, 127.0.0.1 and ::1.
     */
    public static Path ensureSelfSigned(Path dir) {
        var cert = dir.resolve("cert.pem");
        var key = dir.resolve("key.pem");
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) return cert;
        try {
            Files.createDirectories(dir);
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = generator.generateKeyPair();
            var now = Instant.now();
            var subject = new X500Name("CN=localhost, O=Voicegate development");
            var serial = new BigInteger(64, new SecureRandom());
            var builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(825))), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            writeOwnerOnly(key, pkcs8Pem(pair.getPrivate()));
            Files.writeString(cert, pem(certificate), StandardCharsets.US_ASCII);
            return cert;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the development certificate under " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not create the development certificate", e);
        }
    }

    private static java.util.List<Certificate> readCertificates(Path file) throws IOException {
        var certificates = new ArrayList<Certificate>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); var parser = new PEMParser(reader)) {
            var converter = new JcaX509CertificateConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) certificates.add(converter.getCertificate(holder));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("TLS_CERT_FILE holds a certificate that does not parse");
        }
        return certificates;
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); var parser = new PEMParser(reader)) {
            var converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
                if (item instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
            }
        }
        throw new IllegalArgumentException("TLS_KEY_FILE holds no unencrypted private key");
    }

    private static Loaded keyStore(PrivateKey key, Certificate[] chain) {
        try {
            var password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("voicegate", key, password, chain);
            return new Loaded(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build the TLS key store", e);
        }
    }

    private static String pem(Object object) throws IOException {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static String pkcs8Pem(PrivateKey key) {
        var base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
}
