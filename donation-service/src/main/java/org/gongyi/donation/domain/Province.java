package org.gongyi.donation.domain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * China's 34 provincial-level divisions (23 provinces, 5 autonomous regions, 4 municipalities, 2 special administrative
 * regions), in the platform's spelling and in Chinese. What a purchase names as the buyer's province is counted only
 * when it is one of these; a project's regions (where its aid goes) must be.
 */
public enum Province {
    ANHUI("Anhui", "安徽"),
    FUJIAN("Fujian", "福建"),
    GANSU("Gansu", "甘肃"),
    GUANGDONG("Guangdong", "广东"),
    GUIZHOU("Guizhou", "贵州"),
    HAINAN("Hainan", "海南"),
    HEBEI("Hebei", "河北"),
    HEILONGJIANG("Heilongjiang", "黑龙江"),
    HENAN("Henan", "河南"),
    HUBEI("Hubei", "湖北"),
    HUNAN("Hunan", "湖南"),
    JIANGSU("Jiangsu", "江苏"),
    JIANGXI("Jiangxi", "江西"),
    JILIN("Jilin", "吉林"),
    LIAONING("Liaoning", "辽宁"),
    QINGHAI("Qinghai", "青海"),
    SHAANXI("Shaanxi", "陕西"),
    SHANDONG("Shandong", "山东"),
    SHANXI("Shanxi", "山西"),
    SICHUAN("Sichuan", "四川"),
    YUNNAN("Yunnan", "云南"),
    ZHEJIANG("Zhejiang", "浙江"),
    TAIWAN("Taiwan", "台湾"),
    GUANGXI("Guangxi", "广西"),
    INNER_MONGOLIA("Inner Mongolia", "内蒙古"),
    NINGXIA("Ningxia", "宁夏"),
    XINJIANG("Xinjiang", "新疆"),
    TIBET("Tibet", "西藏"),
    BEIJING("Beijing", "北京"),
    CHONGQING("Chongqing", "重庆"),
    SHANGHAI("Shanghai", "上海"),
    TIANJIN("Tianjin", "天津"),
    HONG_KONG("Hong Kong", "香港"),
    MACAU("Macau", "澳门");

    private static final Map<String, Province> BY_NAME = new HashMap<>();
    /** Names as the platform and the marketplace spell them, found without any rewriting (the common case). */
    private static final Map<String, Province> EXACT = new HashMap<>();

    private static final Pattern ENGLISH_SUFFIX =
            Pattern.compile("(?i)\\s*(province|municipality|autonomous region|sar)$");
    private static final Pattern CHINESE_SUFFIX = Pattern.compile("(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");

    static {
        for (Province p : values()) {
            EXACT.put(p.displayName, p);
            EXACT.put(p.chineseName, p);
            BY_NAME.put(key(p.displayName), p);
            BY_NAME.put(p.chineseName, p);
        }
        BY_NAME.put(key("Macao"), MACAU);
        BY_NAME.put(key("Xizang"), TIBET);
        BY_NAME.put(key("Nei Mongol"), INNER_MONGOLIA);
    }

    private final String displayName;
    private final String chineseName;

    Province(String displayName, String chineseName) {
        this.displayName = displayName;
        this.chineseName = chineseName;
    }

    public String displayName() {
        return displayName;
    }

    public String chineseName() {
        return chineseName;
    }

    /**
     * The division a name means: its English name in any case and spacing ("Inner Mongolia", "zhejiang", "Zhejiang
     * Province"), or its Chinese name with or without the suffix (浙江, 浙江省, 北京市, 广西壮族自治区, 香港特别行政区).
     */
    public static Optional<Province> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Province p = EXACT.get(name);
        if (p != null) {
            return Optional.of(p);
        }
        String n = name.strip();
        p = BY_NAME.get(key(ENGLISH_SUFFIX.matcher(n).replaceAll("")));
        if (p == null) {
            p = BY_NAME.get(CHINESE_SUFFIX.matcher(n).replaceAll(""));
        }
        return Optional.ofNullable(p);
    }

    private static String key(String englishName) {
        return SEPARATORS.matcher(englishName.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
