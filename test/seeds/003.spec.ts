import { describeSeed } from './seed-check';

describeSeed('003', '仁化县医疗保障局 2021，比较年2020');
