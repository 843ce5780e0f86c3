package io.voicegate.core.usage;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns usage into an estimated cost in US dollars, from a table of prices per provider and model ({@code *}
 * matches any model of the provider). An estimate, not an invoice: providers bill by their own meters.
 *
 * <p>Defaults, taken 2025-08-28 from OpenAI's public pricing page (openai.com/api/pricing) for {@code gpt-realtime}:
 * text input 4, text output 16, audio input 32, audio output 64 USD per million tokens. They apply to every OpenAI
 * model ({@code openai/*}) because the cheaper realtime models would only make the estimate lower (conservative for
 * a cost quota). No default is given for ElevenLabs, whose per-minute price depends on the plan: set one with
 * {@link #parse} ({@code elevenlabs/*:audio_minute_in=0.10}); until then its usage is counted but not priced.
 */
public final class UsagePricing {

    /**
     * Prices in USD: per million tokens (text and audio, in and out), per minute of audio (in and out), per million
     * characters synthesised.
     */
    public record Price(double textInPerMillion, double textOutPerMillion, double audioInPerMillion,
                        double audioOutPerMillion, double audioMinuteIn, double audioMinuteOut,
                        double charactersPerMillion) {

        public static final Price FREE = new Price(0, 0, 0, 0, 0, 0, 0);

        public double cost(Usage usage) {
            return usage.textTokensIn() * textInPerMillion / 1e6 + usage.textTokensOut() * textOutPerMillion / 1e6
                    + usage.audioTokensIn() * audioInPerMillion / 1e6 + usage.audioTokensOut() * audioOutPerMillion / 1e6
                    + usage.audioSecondsIn() / 60 * audioMinuteIn + usage.audioSecondsOut() / 60 * audioMinuteOut
                    + usage.characters() * charactersPerMillion / 1e6;
        }
    }

    private static final Map<String, Price> DEFAULTS = Map.of(
            "openai/*", new Price(4, 16, 32, 64, 0, 0, 0));

    private final Map<String, Price> prices;

    private UsagePricing(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static UsagePricing defaults() {
        return new UsagePricing(DEFAULTS);
    }

    /**
     * The defaults overridden by entries of the form {@code provider/model:key=value,key=value}, separated by
     * {@code ;}. Keys: {@code text_in}, {@code text_out}, {@code audio_in}, {@code audio_out} (USD per million
     * tokens), {@code audio_minute_in}, {@code audio_minute_out} (USD per minute), {@code characters} (USD per
     * million characters). Unnamed keys are 0.
     *
     * @throws IllegalArgumentException saying which entry is malformed
     */
    public static UsagePricing parse(String text) {
        var table = new LinkedHashMap<>(DEFAULTS);
        for (var entry : text.split(";")) {
            if (entry.isBlank()) continue;
            var colon = entry.indexOf(':');
            var key = colon < 0 ? "" : entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!key.matches("[a-z0-9_.-]+/[A-Za-z0-9_.*-]+")) {
                throw new IllegalArgumentException("entry '" + entry.strip() + "' does not start with provider/model:");
            }
            var values = new double[7];
            for (var pair : entry.substring(colon + 1).split(",")) {
                if (pair.isBlank()) continue;
                var eq = pair.indexOf('=');
                if (eq < 0) throw new IllegalArgumentException("'" + pair.strip() + "' is not key=value");
                var index = switch (pair.substring(0, eq).strip()) {
                    case "text_in" -> 0;
                    case "text_out" -> 1;
                    case "audio_in" -> 2;
                    case "audio_out" -> 3;
                    case "audio_minute_in" -> 4;
                    case "audio_minute_out" -> 5;
                    case "characters" -> 6;
                    default -> throw new IllegalArgumentException("unknown price '" + pair.substring(0, eq).strip() + "'");
                };
                try {
                    values[index] = Double.parseDouble(pair.substring(eq + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + pair.strip() + "' is not a number");
                }
                if (values[index] < 0 || !Double.isFinite(values[index])) {
                    throw new IllegalArgumentException("'" + pair.strip() + "' must be a non-negative number");
                }
            }
            table.put(key, new Price(values[0], values[1], values[2], values[3], values[4], values[5], values[6]));
        }
        return new UsagePricing(table);
    }

    /** The price of a model: an exact entry, else the provider's {@code *} entry; empty when nothing is priced. */
    public Optional<Price> priceOf(String provider, String model) {
        var exact = prices.get(provider + "/" + model);
        return Optional.ofNullable(exact != null ? exact : prices.get(provider + "/*"));
    }

    /** Estimated cost in USD; zero for a model without a price (see {@link #isPriced}). */
    public double cost(String provider, String model, Usage usage) {
        return priceOf(provider, model).orElse(Price.FREE).cost(usage);
    }

    public boolean isPriced(String provider, String model) {
        return priceOf(provider, model).isPresent();
    }
}
